import { z } from 'zod';

export const Profile = z.object({
  userId: z.string(),
  displayName: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
});
export type Profile = z.infer<typeof Profile>;

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
  integrity: z.array(z.string()),
  ok: z.boolean(),
  backupFolder: z.string(),
  backups: z.array(BackupInfo),
  reviewCount: z.number().int(),
});
export type DatabaseCheck = z.infer<typeof DatabaseCheck>;
