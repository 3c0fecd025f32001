import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers';

// Registered before the file's own hooks, so it runs after them (its previews and apps closed).
afterAll(removeTempDirs);
