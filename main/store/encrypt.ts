import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { FieldbookError } from '../../shared/errors';
import { attachmentsDir, isSealed, seal } from './attachments';
import { backupFolderFor } from './paths';
import { attachmentKey, createKeyFile, isEncrypted, keyFilePath, sqliteKey } from './keys';
import { integrityCheck } from './database';
import { adoptLegacyFiles } from './legacy-files';
import { makeOwnerOnlyDir, restrictToOwner } from './owner-only';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const isPlainSqlite = (file: string) => {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    return header.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
};

/** Encrypts one closed database file in place with SQLite3 Multiple Ciphers' rekey. */
function rekeyFile(file: string, key: Buffer): void {
  const db = new Sqlite(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    // rekey rewrites every page; it needs the rollback journal, not WAL.
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ${sqliteKey(key)}`);
  } finally {
    db.close();
  }
}

/** Opens an encrypted file with the key and runs the integrity check: the proof it worked. */
function verifyEncrypted(file: string, key: Buffer): void {
  if (isPlainSqlite(file)) throw new FieldbookError('internal', `${file} is still readable without the key after encrypting it.`);
  const db = new Sqlite(file, { readonly: true });
  try {
    db.pragma(`key = ${sqliteKey(key)}`);
    const problems = integrityCheck(db, file);
    if (problems.length > 0) throw new FieldbookError('internal', `${file} failed its check after encryption (${problems[0]}). The original is kept.`);
  } finally {
    db.close();
  }
}

/**
 * Encrypts an existing database, its backups and its attachments in place:
 * 1. a copy is encrypted and verified first, kept as a "pre-encryption" backup;
 * 2. the database itself is encrypted and verified, then switched back to WAL;
 * 3. only then is the key file put in place (until then the database opens as before);
 * 4. older backups are encrypted, and attachment files sealed, so nothing is left readable.
 * The database must not be open elsewhere. Returns the recovery key, shown once.
 */
export function encryptDatabase(databasePath: string, passphrase: string): { recovery: string; backups: number; attachments: number } {
  if (isEncrypted(databasePath)) throw new FieldbookError('invalid_input', `${databasePath} is already encrypted. To change its passphrase use: fieldbook rekey`);
  if (!fs.existsSync(databasePath)) throw new FieldbookError('not_found', `There is no database at ${databasePath}.`);
  if (!isPlainSqlite(databasePath)) throw new FieldbookError('storage', `${databasePath} is not a readable SQLite database (is it encrypted already, without its key file?).`);
  const pending = `${keyFilePath(databasePath)}.pending`;
  // The key is made first and kept aside, so an interrupted run can be finished with it.
  const { dataKey, recovery } = createKeyFile(pending, passphrase);

  const folder = backupFolderFor(databasePath);
  makeOwnerOnlyDir(folder);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const firstBackup = path.join(folder, `${path.basename(databasePath, '.sqlite')}.${stamp}.pre-encryption.sqlite`);
  // A consistent plain copy (the WAL folded in), encrypted and verified before the original is touched.
  const plain = new Sqlite(databasePath);
  try {
    // Files still in an older shared layout are taken first: only this database's own are sealed.
    adoptLegacyFiles(plain, databasePath);
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  fs.copyFileSync(databasePath, `${firstBackup}.partial`);
  restrictToOwner(`${firstBackup}.partial`);
  rekeyFile(`${firstBackup}.partial`, dataKey);
  verifyEncrypted(`${firstBackup}.partial`, dataKey);
  fs.renameSync(`${firstBackup}.partial`, firstBackup);

  rekeyFile(databasePath, dataKey);
  verifyEncrypted(databasePath, dataKey);
  const db = new Sqlite(databasePath);
  try {
    db.pragma(`key = ${sqliteKey(dataKey)}`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  fs.renameSync(pending, keyFilePath(databasePath));

  let backups = 0;
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    if (!name.endsWith('.sqlite') || file === firstBackup || !isPlainSqlite(file)) continue;
    rekeyFile(file, dataKey);
    backups += 1;
  }
  const key = attachmentKey(dataKey);
  let attachments = 0;
  const dir = attachmentsDir(databasePath);
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.partial')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const bytes = fs.readFileSync(file);
      if (isSealed(bytes)) continue;
      fs.writeFileSync(`${file}.partial`, seal(key, bytes), { mode: 0o600 });
      fs.renameSync(`${file}.partial`, file);
      fs.chmodSync(file, 0o400);
      attachments += 1;
    }
  }
  return { recovery, backups, attachments };
}
