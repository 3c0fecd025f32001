import type { CallsOf } from '../../../shared/api/contract';
import type { Handlers } from '../../platform/context';
import { reviewHandlers } from './reviews';
import { teamHandlers } from './members';
import { organisationHandlers } from './organisations';

/** Every call of the reviews slice of the contract (shared/reviews/contract.ts). */
export const reviewsHandlers: Handlers<CallsOf<'reviews'>> = { ...reviewHandlers, ...teamHandlers, ...organisationHandlers };
