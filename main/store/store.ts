import os from 'node:os';
import type Database from 'better-sqlite3';
import { HybridClock, hlcTime } from '../../shared/clock';
import type { BackupInfo } from '../../shared/protection/domain';
import type { Identity } from '../../shared/identity/domain';
import { TeamRole } from '../../shared/reviews/domain';
import { newId } from '../../shared/ids';
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendTrail, type Activity } from './audit-trail';
import { createBackup, type BackupReason } from './backups';
import { attachmentKey, isEncrypted } from './keys';
import { FieldbookError } from '../../shared/errors';
import { integrityCheck, openDatabase, type OpenOptions } from './database';
import { adoptLegacyFiles } from './legacy-files';

/** How often the full integrity check runs (it reads every page of the file). */
export const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/** Who/where/when of one user action; written into every row that action changes. */
export interface Stamp {
  hlc: string;
  updatedBy: string;
  device: string;
}

/**
 * An open Fieldbook database with this laptop's identity and clock. All writes go through
 * `write`, which runs them in one transaction under one stamp.
 */
export class Store {
  private readonly clock: HybridClock;
  private identityCache: Identity;
  private readonly settingGet: Database.Statement<[string], { value: string }>;
  private readonly settingPut: Database.Statement<[string, string]>;
  private peopleNames: Map<string, string> | null = null;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly integrityProblems: string[],
  ) {
    this.settingGet = db.prepare('SELECT value FROM local_settings WHERE key = ?');
    this.settingPut = db.prepare('INSERT INTO local_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.identityCache = this.ensureIdentity();
    this.clock = new HybridClock(this.identityCache.deviceId, Date.now, this.setting('clock'));
  }

  /** The subkey that seals attachment files of an encrypted database (null: not encrypted). */
  attachmentKey: Buffer | null = null;
  /** The data key the database was opened with (null: not encrypted); reopening needs it. */
  key: Buffer | null = null;

  /**
   * Opens a database quickly at any size: a quick check, migrations, the laptop's identity. The
   * backup on open and the full integrity check are not taken here but by `afterOpen`, once the
   * first screen (or the CLI's answer) is out, and never stop the database from opening.
   */
  static open(path: string, options: Omit<OpenOptions, 'beforeMigrate'> = {}): Store {
    if (!options.key && isEncrypted(path)) throw new FieldbookError('storage', `${path} is encrypted: give its passphrase (in FIELDBOOK_PASSPHRASE, or when asked).`);
    const opened = openDatabase(path, {
      ...options,
      beforeMigrate: (db) => createBackup(db, path, 'pre-migration'),
    });
    if (opened.integrityProblems.length > 0) {
      // Damaged and opened only to report on it: no identity, no writes.
      return Store.damaged(opened.db, path, opened.integrityProblems);
    }
    adoptLegacyFiles(opened.db, path);
    const store = new Store(opened.db, path, []);
    store.attachmentKey = options.key ? attachmentKey(options.key) : null;
    store.key = options.key ?? null;
    return store;
  }

  private static damaged(db: Database.Database, path: string, problems: string[]): Store {
    const store = Object.create(Store.prototype) as Store;
    Object.assign(store, { db, path, integrityProblems: problems, statements: new Map() });
    return store;
  }

  get identity(): Identity {
    return this.identityCache;
  }

  /**
   * A prepared statement, compiled once per SQL text and reused: compiling is a large share of a
   * small write's cost (the notes' autosave and tagging run many small statements).
   */
  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    } else if (statement.reader) {
      // A caller may have put the shared statement in raw or pluck mode: every caller gets rows as
      // objects unless it asks otherwise (the audit's raw mode once gave the report's organisation
      // lookup arrays, and every label lost its organisation).
      statement.raw(false);
      statement.pluck(false);
      statement.expand(false);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /**
   * What the current call is doing, for the audit trail. Held per async call chain, so two calls
   * in flight at once (the preview serves several) each record their own writes.
   */
  private readonly activities = new AsyncLocalStorage<Activity>();

  /** Runs `fn` with every write it makes recorded in the audit trail as `activity`. */
  withActivity<T>(activity: Activity, fn: () => Promise<T>): Promise<T> {
    return this.activities.run(activity, fn);
  }

  /**
   * Runs one user action in one transaction; every row it writes carries the same stamp, and the
   * audit trail gets its entry in the same transaction, so a change is never unrecorded.
   */
  write<T>(action: (stamp: Stamp) => T): T {
    return this.db.transaction(() => {
      const stamp: Stamp = { hlc: this.clock.tick(), updatedBy: this.identityCache.userId, device: this.identityCache.deviceId };
      const result = action(stamp);
      this.settingPut.run('clock', stamp.hlc);
      const activity = this.activities.getStore();
      if (activity) appendTrail(this.db, { personId: stamp.updatedBy, personName: this.identityCache.displayName, device: stamp.device, at: stampTime(stamp.hlc) }, activity);
      return result;
    })();
  }

  /**
   * Moves this laptop's clock past a teammate's stamp, so every later local change is stamped
   * after the work just merged (a merge relies on children being stamped after their parents).
   */
  receiveStamp(hlc: string): void {
    this.clock.receive(hlc);
    this.settingPut.run('clock', this.clock.current());
  }

  /** Names the review the current call's entry is about, when the call creates it. */
  attributeToReview(reviewId: string): void {
    const activity = this.activities.getStore();
    if (activity && !activity.reviewId) activity.reviewId = reviewId;
  }

  /** Records an action that changes nothing stored (an export) in the audit trail. */
  record(activity: Activity): void {
    this.activities.run(activity, () => this.write(() => undefined));
  }

  /** The reviewer names themselves (and may give their role): from now on the laptop is named. */
  setDisplayName(displayName: string, role?: TeamRole): Identity {
    this.write((stamp) => {
      this.settingPut.run('display_name', displayName);
      this.settingPut.run('named', '1');
      if (role) this.settingPut.run('role', role);
      this.upsertPerson(stamp, displayName);
    });
    this.identityCache = { ...this.identityCache, displayName, named: true, role: role ?? this.identityCache.role };
    this.peopleNames = null;
    return this.identityCache;
  }

  /** A merge brought teammates' names: read them again. */
  forgetPeopleNames(): void {
    this.peopleNames = null;
  }

  /** Display name for a person id (for "last changed by"). */
  personName(id: string): string {
    if (!this.peopleNames) {
      const rows = this.db.prepare('SELECT id, display_name FROM people').all() as Array<{ id: string; display_name: string }>;
      this.peopleNames = new Map(rows.map((row) => [row.id, row.display_name]));
    }
    return this.peopleNames.get(id) ?? 'someone else';
  }

  /** What went wrong in the background (a backup that failed, a failed full check), to show. */
  readonly warnings: string[] = [];

  /**
   * The work that follows an open once the first screen is out: the backup on open (when
   * anything changed) and, once a day, the full integrity check. Neither can stop Fieldbook from
   * working: a failure becomes a warning (on the Data page, or the CLI's error output).
   */
  afterOpen(now = Date.now()): string[] {
    if (!this.db.open) return [];
    const before = this.warnings.length;
    this.safeBackup('open');
    const last = this.lastFullCheck();
    if (!last || now - Date.parse(last.at) > FULL_CHECK_EVERY_MS) this.fullCheck(now);
    return this.warnings.slice(before);
  }

  /** A backup that warns instead of failing (automatic backups: on open and every 10 minutes). */
  safeBackup(reason: BackupReason): BackupInfo | null {
    try {
      // A database that failed its full check is not backed up: pruning would push out good copies.
      if (this.lastFullCheck()?.problems.length) return null;
      return this.backupIfChanged(reason);
    } catch (error) {
      this.warnings.push(`Automatic backup (${reason}) failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /**
   * The full integrity and foreign-key check (every page read). Its result is kept, with when it
   * ran, for the Data page; a failure is a warning until a backup is restored.
   */
  fullCheck(now = Date.now()): { at: string; problems: string[] } {
    const result = { at: new Date(now).toISOString(), problems: integrityCheck(this.db, this.path) };
    this.settingPut.run('full_check', JSON.stringify(result));
    if (result.problems.length > 0)
      this.warnings.push(
        `The database failed its integrity check (${result.problems[0]}). Restore a backup (Data and backups, or fieldbook backups restore). Automatic backups are paused so the good ones are kept.`,
      );
    return result;
  }

  /** When the full check last ran and what it found (null: never on this database). */
  lastFullCheck(): { at: string; problems: string[] } | null {
    const raw = this.setting('full_check');
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as { at?: unknown; problems?: unknown };
      return typeof parsed.at === 'string' && Array.isArray(parsed.problems) ? { at: parsed.at, problems: parsed.problems.map(String) } : null;
    } catch {
      return null;
    }
  }

  /** Takes a backup when anything has been written since the last one. */
  backupIfChanged(reason: BackupReason): BackupInfo | null {
    const lastChange = this.setting('clock');
    if (!lastChange || lastChange === this.setting('backup_mark')) return null;
    return this.backup(reason);
  }

  backup(reason: BackupReason): BackupInfo {
    const info = createBackup(this.db, this.path, reason);
    this.settingPut.run('backup_mark', this.setting('clock') ?? '');
    return info;
  }

  /** Per-laptop preferences (e.g. pinned KLOEs); never merged with teammates. */
  localPreference(key: string): string | undefined {
    return this.setting(`pref:${key}`);
  }

  setLocalPreference(key: string, value: string): void {
    this.settingPut.run(`pref:${key}`, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Closes the database and wipes the keys it was opened with (the app lock): SQLite frees its
   * copy with the connection, and ours are overwritten, so nothing in memory opens the data.
   */
  closeAndForgetKey(): void {
    this.close();
    this.key?.fill(0);
    this.attachmentKey?.fill(0);
    this.key = null;
    this.attachmentKey = null;
  }

  private setting(key: string): string | undefined {
    return this.settingGet.get(key)?.value;
  }

  private ensureIdentity(): Identity {
    const existing = {
      userId: this.setting('user_id'),
      displayName: this.setting('display_name'),
      deviceId: this.setting('device_id'),
      deviceName: this.setting('device_name'),
    };
    const role = TeamRole.safeParse(this.setting('role'));
    const given = { role: role.success ? role.data : null, named: this.setting('named') === '1' };
    if (existing.userId && existing.displayName && existing.deviceId && existing.deviceName) return { ...(existing as Omit<Identity, keyof typeof given>), ...given };
    // Named after the laptop's account until the reviewer gives their name (the app asks first).
    const profile: Identity = {
      userId: newId(),
      displayName: safeUserName(),
      deviceId: newId(),
      deviceName: os.hostname() || 'this laptop',
      role: null,
      named: false,
    };
    this.db.transaction(() => {
      this.settingPut.run('user_id', profile.userId);
      this.settingPut.run('display_name', profile.displayName);
      this.settingPut.run('device_id', profile.deviceId);
      this.settingPut.run('device_name', profile.deviceName);
    })();
    this.identityCache = profile;
    const clock = new HybridClock(profile.deviceId);
    const hlc = clock.tick();
    this.db.transaction(() => {
      this.upsertPerson({ hlc, updatedBy: profile.userId, device: profile.deviceId }, profile.displayName);
      // A new, empty database needs no backup until something is written to it.
      this.settingPut.run('clock', hlc);
      this.settingPut.run('backup_mark', hlc);
    })();
    return profile;
  }

  private upsertPerson(stamp: Stamp, displayName: string): void {
    this.db
      .prepare(
        `INSERT INTO people (id, display_name, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, hlc = excluded.hlc,
           updated_by = excluded.updated_by, updated_device = excluded.updated_device`,
      )
      .run(this.identityCache.userId, displayName, stamp.hlc, stamp.updatedBy, stamp.device);
  }
}

/** ISO time of a clock stamp, for "last changed" displays. */
export function stampTime(hlc: string): string {
  return new Date(hlcTime(hlc)).toISOString();
}

function safeUserName(): string {
  try {
    return os.userInfo().username || 'Reviewer';
  } catch {
    return 'Reviewer';
  }
}
