import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { demoHandlers } from './demo';

/** Every call of the sample-data slice of the contract (shared/sample-data/contract.ts). */
export const sampleDataHandlers: Handlers<CallsOf<'sample-data'>> = { ...demoHandlers };
