import { z } from 'zod';

export const BackupInfo = z.object({
  fileName: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const DatabaseCheck = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  /** Problems found by the last check (the quick one at open, or the last full check). */
  integrity: z.array(z.string()),
  ok: z.boolean(),
  /** The last full check (every page read: daily, after the first screen, or on request). */
  lastFullCheck: z.object({ at: z.string(), problems: z.array(z.string()) }).nullable(),
  /** Background work that failed since the database opened (an automatic backup, a check). */
  warnings: z.array(z.string()),
  backupFolder: z.string(),
  backups: z.array(BackupInfo),
  reviewCount: z.number().int(),
});
export type DatabaseCheck = z.infer<typeof DatabaseCheck>;
