import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { profileHandlers } from './handlers';

/** Every call of the data-profile slice of the contract (shared/data-profile/contract.ts). */
export const dataProfileHandlers: Handlers<CallsOf<'data-profile'>> = { ...profileHandlers };
