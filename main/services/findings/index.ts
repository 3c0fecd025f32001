import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { findingsHandlers as findingHandlers } from './handlers';

/** Every call of the findings slice of the contract (shared/findings/contract.ts). */
export const findingsHandlers: Handlers<CallsOf<'findings'>> = { ...findingHandlers };
