import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { storedPath } from './attachments';
import { backupFolderFor, legacyFolders } from './paths';
import { makeOwnerOnlyDir, restrictToOwner } from './owner-only';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const BACKUP_NAME = /^(.+)\.(\d{8}T\d{9}Z)\.([a-z-]+)\.sqlite$/;

function startsAsSqlite(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(SQLITE_HEADER.length);
      return fs.readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Whether another database lives in the same folder: a plain SQLite file, or any file with a
 * key file beside it (an encrypted database has no readable header). Our own companions
 * (-wal, -shm, key file, partial copies) do not count.
 */
export function otherDatabaseBeside(databasePath: string): boolean {
  const folder = path.dirname(databasePath);
  const own = path.basename(databasePath);
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name === own || entry.name.startsWith(`${own}-`) || entry.name.startsWith(`${own}.`)) continue;
    const file = path.join(folder, entry.name);
    if (entry.name.endsWith('.key.json')) {
      if (fs.existsSync(file.slice(0, -'.key.json'.length))) return true;
      continue;
    }
    if (startsAsSqlite(file)) return true;
  }
  return false;
}

/** Puts a file at `target` by rename (sole owner) or hard link / copy (others may still need it). */
function place(from: string, target: string, move: boolean): void {
  makeOwnerOnlyDir(path.dirname(target));
  if (move) {
    fs.renameSync(from, target);
    restrictToOwner(target);
    return;
  }
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    fs.linkSync(from, partial);
  } catch {
    fs.copyFileSync(from, partial);
  }
  restrictToOwner(partial);
  fs.renameSync(partial, target);
}

function removeIfEmpty(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeIfEmpty(path.join(dir, entry.name));
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

/**
 * Older versions kept every database's attachments and backups in `attachments/` and `backups/`
 * beside it, shared by every database in the folder. On open, a database takes its own files
 * into the folder it owns (see databaseFilesDir): its backups by name and the attachments its own
 * rows point at. When it is the only database in the folder they are moved and the old folders
 * go once empty; otherwise they are linked or copied and the shared folders stay for the others.
 * Files nobody here points at are never deleted. Safe to run again: what is in place is skipped.
 */
export function adoptLegacyFiles(db: Database.Database, databasePath: string): { attachments: number; backups: number } {
  const legacy = legacyFolders(databasePath);
  const moved = { attachments: 0, backups: 0 };
  const hasAttachments = fs.existsSync(legacy.attachments);
  const hasBackups = fs.existsSync(legacy.backups);
  if (!hasAttachments && !hasBackups) return moved;
  const sole = !otherDatabaseBeside(databasePath);

  if (hasBackups) {
    const base = path.basename(databasePath, '.sqlite');
    const target = backupFolderFor(databasePath);
    for (const name of fs.readdirSync(legacy.backups)) {
      if (BACKUP_NAME.exec(name)?.[1] !== base) continue;
      const destination = path.join(target, name);
      if (fs.existsSync(destination)) continue;
      place(path.join(legacy.backups, name), destination, sole);
      moved.backups += 1;
    }
  }
  if (hasAttachments) {
    const shas = (db.prepare('SELECT sha256 FROM attachment_files').all() as Array<{ sha256: string }>).map((row) => row.sha256).filter((sha) => /^[0-9a-f]{64}$/.test(sha));
    for (const sha of shas) {
      const from = path.join(legacy.attachments, sha.slice(0, 2), sha);
      if (!fs.existsSync(from)) continue;
      const target = storedPath(databasePath, sha);
      if (fs.existsSync(target)) {
        if (sole) fs.rmSync(from, { force: true });
        continue;
      }
      place(from, target, sole);
      moved.attachments += 1;
    }
  }
  if (sole) {
    removeIfEmpty(legacy.attachments);
    removeIfEmpty(legacy.backups);
  }
  return moved;
}
