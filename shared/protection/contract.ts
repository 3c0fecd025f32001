import { z } from 'zod';
import { BackupInfo, DatabaseCheck } from './domain';
import { call } from '../api/call';

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

/** Protection of the data on this laptop: encryption at rest, the app lock, backups and the integrity check. */
export const protectionCalls = {
  getProtection: call(z.object({}), Protection, 'Which protection is in force, and the app lock settings'),
  setLockSettings: call(
    z.object({ idleMinutes: z.number().int().min(1, 'At least 1 minute').max(240, 'At most 4 hours') }),
    Protection,
    'How long the app waits, idle, before it locks',
  ),
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
  unlock: call(
    z.object({ passphrase: z.string().max(500) }),
    z.object({ unlocked: z.literal(true) }),
    'Unlock the app: the passphrase is checked against the key file (recorded in the audit trail)',
  ),
  lock: call(
    z.object({}),
    z.object({ locked: z.literal(true) }),
    'Lock the app now (Ctrl+L, the idle timer, the system locking): the database closes and its key is forgotten until the passphrase is given',
  ),
  checkDatabase: call(z.object({ full: z.boolean().default(false) }), DatabaseCheck, 'Integrity and backup status (full: read every page now, as the daily check does)'),
  backupNow: call(z.object({}), BackupInfo, 'Take a backup now'),
  listBackups: call(z.object({}), z.array(BackupInfo), 'Backups of this database, newest first'),
  restoreBackup: call(
    z.object({ fileName: z.string().regex(/^[\w.-]+\.sqlite$/, 'Not a backup file name') }),
    DatabaseCheck,
    'Replace the database with a backup (the current state is backed up first)',
  ),
} as const;
