import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { protectionHandlers as lockHandlers } from './protection';
import { backupHandlers } from './backups';

/** Every call of the protection slice of the contract (shared/protection/contract.ts). */
export const protectionHandlers: Handlers<CallsOf<'protection'>> = { ...lockHandlers, ...backupHandlers };
