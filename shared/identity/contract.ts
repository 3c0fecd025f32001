import { Identity } from './domain';
import { TeamRole } from '../reviews/domain';
import { z } from 'zod';
import { call, requiredText } from '../api/call';

/** Calls about the person using this laptop. */

export const identityCalls = {
  getIdentity: call(z.object({}), Identity, 'Who is using this laptop'),
  updateIdentity: call(z.object({ displayName: requiredText('Your name', 120), role: TeamRole.optional() }), Identity, 'Set your name and role'),
} as const;
