import { z } from 'zod';
import { IsoDate } from '../reviews/domain';
import { call, id } from '../api/call';

const TrailEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  personId: z.string(),
  personName: z.string(),
  device: z.string(),
  action: z.enum(['create', 'edit', 'delete', 'export', 'import', 'merge', 'unlock', 'restore']),
  method: z.string(),
  reviewId: z.string().nullable(),
  target: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

const Protection = z.object({
  /** How the data on this laptop is protected at rest. */
  encrypted: z.boolean(),
  /** What opens it at start: the passphrase, or the OS key store (the person's login). */
  protection: z.enum(['passphrase', 'os_key_store', 'none']),
  /** This computer's key store: usable, present but protecting nothing (basic_text), or none here. */
  osKeyStore: z.enum(['available', 'weak', 'absent']),
  idleMinutes: z.number().int(),
  /** The database is not open (an encrypted one at start, or the app was locked): nothing can be shown until the lock screen is passed. */
  lockedAtStart: z.boolean(),
  /** The desktop app will not show an unencrypted database: it is encrypted at first start. */
  encryptionRequired: z.boolean(),
});

/** Records management and protection: the app lock, the audit trail, retention, deletion. */
export const recordsCalls = {
  protection: call(z.object({}), Protection, 'Which protection is in force, and the app lock settings'),
  setLockSettings: call(z.object({ idleMinutes: z.number().int().min(1, 'At least 1 minute').max(240, 'At most 4 hours') }), Protection, 'How long the app waits, idle, before it locks'),
  encryptNow: call(
    z.object({ passphrase: z.string().min(10, 'Choose a passphrase of at least 10 characters').max(500) }),
    z.object({ recovery: z.string(), backups: z.number().int(), attachments: z.number().int() }),
    'Encrypt this database, its backups and attachments in place; the recovery key is returned once',
  ),
  setStartUnlock: call(
    z.object({ withOsKeyStore: z.boolean() }),
    Protection,
    "Whether the desktop app opens the encrypted data at start with the system's key store (the person's login) or asks for the passphrase",
  ),
  unlock: call(z.object({ passphrase: z.string().max(500) }), z.object({ unlocked: z.literal(true) }), 'Unlock the app: the passphrase is checked against the key file (recorded in the audit trail)'),
  lock: call(z.object({}), z.object({ locked: z.literal(true) }), 'Lock the app now (Ctrl+L, the idle timer, the system locking): the database closes and its key is forgotten until the passphrase is given'),
  auditTrail: call(
    z.object({ reviewId: id('Review').nullable().default(null) }),
    z.object({ entries: z.array(TrailEntry), verification: z.object({ ok: z.boolean(), entries: z.number().int(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })) }) }),
    "Who did what, when and where (one review's entries, or all), with the hash chain checked",
  ),
  setRetention: call(z.object({ reviewId: id('Review'), retentionUntil: IsoDate.nullable() }), z.object({ retentionUntil: z.string().nullable() }), "Set the date a review's retention ends"),
  deleteReview: call(
    z.object({ reviewId: id('Review'), confirmTitle: z.string(), purgeBackups: z.boolean().default(false) }),
    z.object({ title: z.string(), rows: z.number().int(), files: z.number().int(), backupsRemoved: z.number().int(), backupsHolding: z.number().int(), message: z.string() }),
    'Delete a review for real: its records, attachments and search entries (type its title to confirm)',
  ),
} as const;
