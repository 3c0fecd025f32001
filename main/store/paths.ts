import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FieldbookError } from '../../shared/errors';

export const APP_FOLDER_NAME = 'Fieldbook';
export const DATABASE_FILE_NAME = 'fieldbook.sqlite';

/**
 * Where Electron keeps the app's data (its `userData` folder) on each platform. The CLI and the
 * preview use the same place by default, so all three see the same reviews.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), DATABASE_FILE_NAME);
}

/**
 * The folder a database owns: its attachments and backups, named after the database file the way
 * SQLite names its own companions (`-wal`, `-shm`). Two databases in one folder (`--db a.sqlite`,
 * `--db b.sqlite`) then never share a file: encrypting, deleting, restoring or pruning one cannot
 * touch the other's. It sits beside the database so moving the folder moves everything.
 */
export function databaseFilesDir(databasePath: string): string {
  return `${databasePath}-files`;
}

export function backupFolderFor(databasePath: string): string {
  return path.join(databaseFilesDir(databasePath), 'backups');
}

/** Where Fieldbook before this version kept every database's files: shared by the whole folder. */
export function legacyFolders(databasePath: string): { attachments: string; backups: string } {
  const folder = path.dirname(databasePath);
  return { attachments: path.join(folder, 'attachments'), backups: path.join(folder, 'backups') };
}

/**
 * Checks a database path given by a user (--db) before anything touches the disk: the folder
 * must exist and the path must not be a folder. Returns the absolute path.
 */
export function resolveDatabasePath(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw new FieldbookError('storage', 'The database path is empty. Give a file path, e.g. --db ./review.sqlite');
  if (trimmed.includes('\0')) throw new FieldbookError('storage', 'The database path contains a NUL character.');
  const absolute = path.resolve(trimmed);
  const folder = path.dirname(absolute);
  const folderStat = fs.statSync(folder, { throwIfNoEntry: false });
  if (!folderStat) throw new FieldbookError('storage', `The folder ${folder} does not exist. Create it first or choose another --db path.`);
  if (!folderStat.isDirectory()) throw new FieldbookError('storage', `${folder} is a file, not a folder, so ${absolute} cannot be a database path.`);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new FieldbookError('storage', `${absolute} is a folder. Give the path of a database file inside it, e.g. ${path.join(absolute, DATABASE_FILE_NAME)}`);
  return absolute;
}

/** Where the record of internal errors (with their stacks, never notes or names) is kept. */
export function logFolderFor(databasePath: string): string {
  return path.join(databaseFilesDir(databasePath), 'logs');
}
