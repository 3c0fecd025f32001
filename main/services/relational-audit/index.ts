import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { auditHandlers } from './relational-audit';

/** Every call of the relational-audit slice of the contract (shared/relational-audit/contract.ts). */
export const relationalAuditHandlers: Handlers<CallsOf<'relational-audit'>> = { ...auditHandlers };
