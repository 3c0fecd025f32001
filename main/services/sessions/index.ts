import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { sessionHandlers } from './sessions';
import { notesHandlers } from './notes';
import { passageHandlers } from './passages';
import { importHandlers } from './import-notes';

/** Every call of the sessions slice of the contract (shared/sessions/contract.ts). */
export const sessionsHandlers: Handlers<CallsOf<'sessions'>> = { ...sessionHandlers, ...notesHandlers, ...passageHandlers, ...importHandlers };
