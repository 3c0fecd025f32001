import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, PAGE_SIZE } from '../../main/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/store/migrations/index';
import { resolveDatabasePath } from '../../main/store/paths';
import { Store } from '../../main/store/store';
import type { FieldbookError } from '../../shared/errors';
import { tempDir, testApps } from '../helpers';

const app = testApps(afterEach);

function sha(file: string): string {
  return fs.readFileSync(file).toString('base64');
}

describe('opening the database', () => {
  it('creates the schema with WAL, foreign keys and NORMAL sync', () => {
    const { store } = app();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
  });

  it("keeps an existing database's page size and, migrating to lean sync, drops sync rows that only repeat a record's one version", () => {
    const file = path.join(tempDir(), 'v10.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, 0, MIGRATIONS.slice(0, 10));
    const row = db.prepare('INSERT INTO sync_rows (tbl, row_id, review_id, hlc, heads, conflicts) VALUES (?, ?, ?, ?, ?, ?)');
    row.run('tags', 't1', 'r', 'v1', JSON.stringify(['v1']), null);
    row.run('sessions', 's1', 'r', 'v2', JSON.stringify(['v2', 'v3']), null);
    row.run('findings', 'f1', 'r', 'v4', JSON.stringify(['v4']), JSON.stringify([{ field: 'body', base: null, options: [] }]));
    db.close();
    const store = Store.open(file, {});
    try {
      expect(store.db.pragma('page_size', { simple: true })).toBe(4096);
      expect(store.db.prepare('SELECT tbl FROM sync_rows ORDER BY tbl').pluck().all()).toEqual(['findings', 'sessions']);
      expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'sync_versions_review'").get()).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('gives every caller of a cached statement rows as objects, whatever mode an earlier caller set', () => {
    const { store } = app();
    const sql = 'SELECT key, value FROM local_settings WHERE key = ?';
    expect(store.prepare(sql).raw().get('user_id')).toEqual(['user_id', store.identity.userId]);
    expect(store.prepare(sql).get('user_id')).toEqual({ key: 'user_id', value: store.identity.userId });
    expect(store.prepare(sql).pluck().get('user_id')).toBe('user_id');
    expect(store.prepare(sql).get('user_id')).toEqual({ key: 'user_id', value: store.identity.userId });
  });

  it('keeps the laptop identity across restarts', () => {
    const first = app();
    const profile = first.store.identity;
    first.close();
    const again = Store.open(first.databasePath);
    expect(again.identity).toEqual(profile);
    again.close();
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'Interview notes, not a database\n'.repeat(200));
    const before = sha(file);
    expect(() => Store.open(file)).toThrow(/is not a Fieldbook database.*Nothing was changed/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['notes.sqlite']); // no -wal, -shm or backups created
  });

  it('refuses a damaged database and leaves it untouched', () => {
    const { databasePath, store } = app();
    store.db.exec(
      `CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO filler SELECT hex(randomblob(500)) FROM n;`,
    );
    store.close();
    // Overwrite the middle of the file (keeping the header) so pages are damaged.
    const bytes = fs.readFileSync(databasePath);
    bytes.fill(0x5a, 8192, 8192 + 4096 * 6);
    fs.writeFileSync(databasePath, bytes);
    const before = sha(databasePath);
    const error = (() => {
      try {
        Store.open(databasePath);
      } catch (caught) {
        return caught as FieldbookError;
      }
      throw new Error('opened a damaged database');
    })();
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/damaged|integrity/);
    expect(error.message).toMatch(/fieldbook backups restore/);
    expect(sha(databasePath)).toBe(before);
  });

  it('opens a database damaged where no quick check looks, then the full check after the first screen finds it, warns and pauses backups', () => {
    const { databasePath, store } = app();
    store.db.exec(
      `CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO filler SELECT hex(randomblob(300)) FROM n;`,
    );
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    // Damage an interior page of the index: the table's rows and every table's edges still read.
    const page = store.db.prepare("SELECT pageno FROM dbstat WHERE name = 'filler_x' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5").pluck().get() as number;
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    store.close();
    const bytes = fs.readFileSync(databasePath);
    bytes.fill(0x00, (page - 1) * pageSize + 200, page * pageSize - 8);
    fs.writeFileSync(databasePath, bytes);
    const opened = Store.open(databasePath);
    try {
      expect(opened.integrityProblems).toEqual([]); // the quick check at open passes
      expect(opened.lastFullCheck()).toBeNull();
      const warnings = opened.afterOpen();
      expect(warnings.join(' ')).toMatch(/failed its integrity check.*Restore a backup.*Automatic backups are paused/s);
      expect(opened.lastFullCheck()?.problems.length).toBeGreaterThan(0);
      // Paused: a later automatic backup takes no copy of the damaged file.
      opened.db.exec("INSERT INTO local_settings (key, value) VALUES ('clock', 'changed') ON CONFLICT(key) DO UPDATE SET value = 'changed'");
      expect(opened.safeBackup('interval')).toBeNull();
    } finally {
      opened.close();
    }
  });

  it('runs the full check at most once a day, and on request', () => {
    const { store } = app();
    const day = 24 * 60 * 60 * 1000;
    const start = Date.parse('2026-11-28T09:00:00Z');
    store.afterOpen(start);
    expect(store.lastFullCheck()).toEqual({ at: '2026-11-28T09:00:00.000Z', problems: [] });
    store.afterOpen(start + day - 1000);
    expect(store.lastFullCheck()?.at).toBe('2026-11-28T09:00:00.000Z');
    store.afterOpen(start + day + 1000);
    expect(store.lastFullCheck()?.at).toBe('2026-11-29T09:00:01.000Z');
  });

  it('refuses a database from a newer Fieldbook without changing it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(file);
    expect(() => Store.open(file)).toThrow(/newer version of Fieldbook/);
    expect(sha(file)).toBe(before);
  });

  it('rolls back a migration that fails, leaving the schema version as it was', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'm.sqlite'));
    const good = { version: 1, name: 'good', up: (d: Database.Database) => d.exec('CREATE TABLE a (x)') };
    const bad = {
      version: 2,
      name: 'bad',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE b (x)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, 0, [good, bad])).toThrow('disk on fire');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(['a']);
    db.close();
  });

  it('reports integrity problems instead of refusing when asked to (fieldbook check)', () => {
    const opened = openDatabase(path.join(tempDir(), 'fresh.sqlite'), { allowDamaged: true });
    expect(opened.integrityProblems).toEqual([]);
    expect(opened.created).toBe(true);
    opened.db.close();
  });
});

describe('database paths from users', () => {
  it('names the missing folder', () => {
    expect(() => resolveDatabasePath('/no/such/folder/review.sqlite')).toThrow('The folder /no/such/folder does not exist');
  });
  it('refuses a folder, an empty path and a NUL', () => {
    const dir = tempDir();
    expect(() => resolveDatabasePath(dir)).toThrow(/is a folder/);
    expect(() => resolveDatabasePath('  ')).toThrow(/empty/);
    expect(() => resolveDatabasePath('a\0b')).toThrow(/NUL/);
  });
});

describe('rows carry who, where and when; deletes are tombstones', () => {
  it('stamps every row written by one action with the same clock, person and device', async () => {
    const a = app();
    const detail = await a.call('createReview', { title: 'Stamped', kind: 'progress_review', area: 'Kent', organisations: [{ name: 'Kent County Council', shortName: 'KCC' }] });
    const rows = a.store.db
      .prepare(
        `SELECT hlc, updated_by, updated_device FROM reviews UNION ALL SELECT hlc, updated_by, updated_device FROM organisations
         UNION ALL SELECT hlc, updated_by, updated_device FROM framework_items`,
      )
      .all() as Array<{ hlc: string; updated_by: string; updated_device: string }>;
    expect(new Set(rows.map((r) => `${r.hlc}|${r.updated_by}|${r.updated_device}`)).size).toBe(1);
    expect(rows[0]?.updated_device).toBe(a.store.identity.deviceId);
    expect(detail.review.updatedBy).toBe(a.store.identity.displayName);
  });

  it('keeps a removed organisation as a tombstone with a later stamp', async () => {
    const a = app();
    const detail = await a.call('createReview', { title: 'T', kind: 'progress_review', area: 'Kent', organisations: [{ name: 'Kent County Council', shortName: 'KCC' }] });
    const org = detail.organisations[0]!;
    const before = a.store.db.prepare('SELECT hlc FROM organisations WHERE id = ?').get(org.id) as { hlc: string };
    const after = await a.call('removeOrganisation', { organisationId: org.id });
    expect(after.organisations).toEqual([]);
    const row = a.store.db.prepare('SELECT deleted, hlc FROM organisations WHERE id = ?').get(org.id) as { deleted: number; hlc: string };
    expect(row.deleted).toBe(1);
    expect(row.hlc > before.hlc).toBe(true);
  });
});
