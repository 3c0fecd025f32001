import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { evidenceHandlers as evidenceItemHandlers } from './evidence';
import { evidencePageHandlers } from './evidence-page';
import { matrixHandlers } from './matrix';
import { scoreHandlers } from './scores';

/** Every call of the evidence slice of the contract (shared/evidence/contract.ts). */
export const evidenceHandlers: Handlers<CallsOf<'evidence'>> = { ...evidenceItemHandlers, ...evidencePageHandlers, ...matrixHandlers, ...scoreHandlers };
