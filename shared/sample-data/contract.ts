import { z } from 'zod';
import { ReviewDetail } from '../reviews/contract';
import { call } from '../api/call';

/** Calls that create sample reviews to learn Fieldbook on. */

export const sampleDataCalls = {
  createDemoReview: call(z.object({}), ReviewDetail, 'Create the Oxfordshire progress review demo'),
} as const;
