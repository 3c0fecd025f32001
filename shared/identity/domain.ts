import { z } from 'zod';

/** Who is using Fieldbook on this laptop, and the laptop itself: every change is stamped with both. */
export const Identity = z.object({
  userId: z.string(),
  displayName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
});
export type Identity = z.infer<typeof Identity>;
