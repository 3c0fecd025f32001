import fs from 'node:fs';
import Database from 'better-sqlite3';
import { FieldbookError } from '../../shared/errors';
import { sqliteKey } from './keys';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { createOwnerOnly, restrictToOwner } from './owner-only';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Report integrity problems instead of refusing to open (for `fieldbook check`). */
  allowDamaged?: boolean;
  /** Called before migrating a database that already holds data, so a backup can be taken. */
  beforeMigrate?: (db: Database.Database, fromVersion: number) => void;
  /** The data key of an encrypted database (see keys.ts). */
  key?: Buffer | undefined;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Empty when the integrity check passed. */
  integrityProblems: string[];
  created: boolean;
  migratedFrom: number | null;
}

/**
 * Opens (or creates) a Fieldbook database. Order matters: everything that could reveal a damaged
 * or foreign file runs before anything writes to it, so a bad file is reported and left as it was.
 */
/** Page size of new databases, in bytes. */
export const PAGE_SIZE = 16384;

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const existing = fs.statSync(path, { throwIfNoEntry: false });
  const created = !existing || existing.size === 0;
  // An encrypted file has no readable header: the key is what proves it is ours (checked below).
  if (!created && !options.key) assertSqliteHeader(path);

  let db: Database.Database;
  try {
    if (path !== ':memory:') {
      createOwnerOnly(path);
      restrictToOwner(path);
      restrictToOwner(`${path}-wal`);
      restrictToOwner(`${path}-shm`);
    }
    db = new Database(path);
  } catch (error) {
    throw storageError(path, error);
  }
  try {
    if (options.key) {
      db.pragma(`key = ${sqliteKey(options.key)}`);
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch {
        throw new FieldbookError('invalid_input', `${path} cannot be opened with this key: the passphrase is wrong, or the file is not a Fieldbook database. Nothing was changed.`);
      }
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A quick check at open, whatever the size; the full check runs later (see Store.fullCheck).
    const integrityProblems = created ? [] : quickCheck(db, path);
    if (integrityProblems.length > 0 && !options.allowDamaged) {
      throw new FieldbookError(
        'storage',
        `The database ${path} failed its integrity check (${integrityProblems[0]}). Nothing was changed. ` + `Restore a backup with: fieldbook backups restore --db ${path}`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new FieldbookError(
        'storage',
        `The database ${path} was made by a newer version of Fieldbook (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update Fieldbook to open it.`,
      );
    }
    if (integrityProblems.length > 0) return { db, integrityProblems, created, migratedFrom: null };
    // 16 KiB pages for a new file (only possible before its first table, and not in WAL mode):
    // a whole review's merge wrote 190 MB in 4 KiB pages 20-40 % slower, mostly in the commit,
    // and a session's notes (40 KB of JSON) fit in far fewer overflow pages.
    if (created) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut can lose the last transactions but never corrupts the file.
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache instead of SQLite's 2 MiB: the analyses that read a whole review
    // (audit answers, the evidence matrix) then stay in memory between runs.
    db.pragma('cache_size = -65536');
    let migratedFrom: number | null = null;
    if (version < LATEST_SCHEMA_VERSION) {
      if (version > 0) options.beforeMigrate?.(db, version);
      migrate(db, version);
      migratedFrom = version;
    }
    return { db, integrityProblems, created, migratedFrom };
  } catch (error) {
    db.close();
    throw error instanceof FieldbookError ? error : storageError(path, error);
  }
}

/** Runs each pending migration in its own transaction together with its user_version bump. */
export function migrate(db: Database.Database, fromVersion: number, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const migration of migrations.slice(fromVersion)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * What can be checked at open in milliseconds at any size: the schema reads, and the first and
 * last rows of every table read (each touches its b-tree's root and edges, where a cut-short or
 * overwritten file shows first). A full check reads every page: 0.4 s for a 130 MB database, 1.2 s
 * encrypted, so it runs after the first screen instead (Store.fullCheck).
 */
export function quickCheck(db: Database.Database, path: string): string[] {
  const problems: string[] = [];
  let tables: Array<{ name: string; sql: string }>;
  try {
    tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as Array<{ name: string; sql: string }>;
  } catch (error) {
    throw storageError(path, error);
  }
  for (const { name, sql } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const edges = /WITHOUT\s+ROWID/i.test(sql)
      ? [`SELECT * FROM ${quoted} LIMIT 1`]
      : [`SELECT * FROM ${quoted} ORDER BY rowid LIMIT 1`, `SELECT * FROM ${quoted} ORDER BY rowid DESC LIMIT 1`];
    for (const edge of edges) {
      try {
        db.prepare(edge).get();
      } catch (error) {
        problems.push(`table ${name}: ${(error as Error).message}`);
        break;
      }
    }
  }
  return problems;
}

/** `PRAGMA integrity_check`: returns the problems found, or [] when the file is sound. */
export function integrityCheck(db: Database.Database, path: string): string[] {
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
    const fkProblems = db.pragma('foreign_key_check') as unknown[];
    if (fkProblems.length > 0) problems.push(`${fkProblems.length} rows point at rows that do not exist`);
    return problems;
  } catch (error) {
    throw storageError(path, error);
  }
}

function assertSqliteHeader(path: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(path, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new FieldbookError(
      'storage',
      `${path} is not a Fieldbook database (it is not an SQLite file, or its first page is damaged). Nothing was changed. ` +
        'Choose another --db path, or restore a backup over it with: fieldbook backups restore',
    );
  }
}

function storageError(path: string, error: unknown): FieldbookError {
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new FieldbookError('storage', `The database ${path} is damaged (${detail}). Nothing was changed. Restore a backup with: fieldbook backups restore --db ${path}`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new FieldbookError('storage', `Cannot open ${path} for writing (${detail}). Check the file's permissions or choose another --db path.`);
  }
  return new FieldbookError('storage', `Cannot use the database ${path}: ${detail}`);
}
