import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', setupFiles: ['test/temp-cleanup.ts'] } },
      {
        extends: true,
        test: { name: 'component', include: ['test/component/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['test/component/setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          setupFiles: ['test/temp-cleanup.ts'],
        },
      },
    ],
  },
});
