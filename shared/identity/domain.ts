import { z } from 'zod';
import { TeamRole } from '../reviews/domain';

/** Who is using Fieldbook on this laptop, and the laptop itself: every change is stamped with both. */
export const Identity = z.object({
  userId: z.string(),
  displayName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  /** The reviewer's role, as they gave it; null until they do. */
  role: TeamRole.nullable(),
  /**
   * Whether the reviewer has given their name. Until then the name is the laptop's account name
   * ("root", "jsmith"), which is not a name to put beside agreed findings: the app asks first.
   */
  named: z.boolean(),
});
export type Identity = z.infer<typeof Identity>;
