import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { frameworkHandlers } from './frameworks';

/** Every call of the frameworks slice of the contract (shared/frameworks/contract.ts). */
export const frameworksHandlers: Handlers<CallsOf<'frameworks'>> = { ...frameworkHandlers };
