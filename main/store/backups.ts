import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import Sqlite from 'better-sqlite3';
import type { BackupInfo } from '../../shared/protection/domain';
import { FieldbookError } from '../../shared/errors';
import { sqliteKey } from './keys';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { isDiskFull } from './files';
import { backupFolderFor } from './paths';
import { makeOwnerOnlyDir, restrictToOwner } from './owner-only';

/** How many backups are kept; older ones are deleted as new ones are taken. */
export const BACKUPS_KEPT = 10;
export type BackupReason = 'open' | 'interval' | 'manual' | 'pre-migration' | 'pre-restore' | 'pre-merge';

const NAME_PATTERN = /^(.+)\.(\d{8}T\d{9}Z)\.([a-z-]+)\.sqlite$/;

/**
 * A consistent copy of the live database, made with VACUUM INTO (which, unlike the online backup
 * API, also works on encrypted databases). Written under a temporary name and renamed, so a
 * crash never leaves a half-written file that looks like a backup.
 */
export function createBackup(db: Database.Database, databasePath: string, reason: BackupReason, now = new Date()): BackupInfo {
  const folder = backupFolderFor(databasePath);
  makeOwnerOnlyDir(folder);
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const fileName = `${path.basename(databasePath, '.sqlite')}.${stamp}.${reason}.sqlite`;
  const target = path.join(folder, fileName);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    restrictToOwner(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    // A full disk (or any failure) leaves no partial copy behind to be mistaken for a backup.
    fs.rmSync(partial, { force: true });
    throw isDiskFull(error) ? new FieldbookError('storage', 'The disk is full, so no backup was taken. Free some space; the database itself is unchanged.') : error;
  }
  pruneBackups(databasePath);
  return describe(folder, fileName);
}

export function listBackups(databasePath: string): BackupInfo[] {
  const folder = backupFolderFor(databasePath);
  if (!fs.existsSync(folder)) return [];
  const base = path.basename(databasePath, '.sqlite');
  return fs
    .readdirSync(folder)
    .filter((name) => NAME_PATTERN.exec(name)?.[1] === base)
    .map((name) => describe(folder, name))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function pruneBackups(databasePath: string, keep = BACKUPS_KEPT): void {
  const folder = backupFolderFor(databasePath);
  for (const old of listBackups(databasePath).slice(keep)) fs.rmSync(path.join(folder, old.fileName), { force: true });
}

/** Opens a backup read-only and checks it is sound and not from a newer Fieldbook. */
export function verifyBackup(file: string, key: Buffer | null = null): void {
  let db: Database.Database;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    if (key) db.pragma(`key = ${sqliteKey(key)}`);
  } catch (error) {
    throw new FieldbookError('storage', `The backup ${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const bad = rows.find((row) => row.integrity_check !== 'ok');
    if (bad) throw new FieldbookError('storage', `The backup ${file} is damaged (${bad.integrity_check}); choose another.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw new FieldbookError('storage', `The backup ${file} is from a newer Fieldbook.`);
  } catch (error) {
    if (error instanceof FieldbookError) throw error;
    throw new FieldbookError('storage', `The backup ${file} is damaged (${(error as Error).message}); choose another.`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the database file. The database must be closed. The copy is written
 * beside the target, flushed and renamed over it, so a crash leaves either the old or the new file.
 */
export function replaceDatabaseFile(databasePath: string, backupFile: string): void {
  const staging = `${databasePath}.restoring`;
  fs.copyFileSync(backupFile, staging);
  restrictToOwner(staging);
  const fd = fs.openSync(staging, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // Leftover WAL/SHM files belong to the old database and must not be replayed onto the backup.
  fs.rmSync(`${databasePath}-wal`, { force: true });
  fs.rmSync(`${databasePath}-shm`, { force: true });
  fs.renameSync(staging, databasePath);
}

export function backupPath(databasePath: string, fileName: string): string {
  if (!NAME_PATTERN.test(fileName) || fileName !== path.basename(fileName)) {
    throw new FieldbookError('invalid_input', `${fileName} is not the name of a Fieldbook backup.`);
  }
  const file = path.join(backupFolderFor(databasePath), fileName);
  if (!fs.existsSync(file)) throw new FieldbookError('not_found', `There is no backup called ${fileName} in ${backupFolderFor(databasePath)}.`);
  return file;
}

function describe(folder: string, fileName: string): BackupInfo {
  const match = NAME_PATTERN.exec(fileName);
  const stamp = match?.[2] ?? '';
  const createdAt = stamp
    ? `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`
    : '';
  return { fileName, reason: match?.[3] ?? 'unknown', createdAt, bytes: fs.statSync(path.join(folder, fileName)).size };
}
