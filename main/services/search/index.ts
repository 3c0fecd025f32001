import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { searchHandlers as notesSearchHandlers, searchAllHandlers } from './search';

/** Every call of the search slice of the contract (shared/search/contract.ts). */
export const searchHandlers: Handlers<CallsOf<'search'>> = { ...notesSearchHandlers, ...searchAllHandlers };
