import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { teamHandlers } from './handlers';
import { teamKeyHandlers } from './team-key-handlers';

/** Every call of the exchange slice of the contract (shared/exchange/contract.ts). */
export const exchangeHandlers: Handlers<CallsOf<'exchange'>> = { ...teamHandlers, ...teamKeyHandlers };
