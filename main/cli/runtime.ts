import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, Request, Response } from '../../shared/api/contract';
import { FieldbookError } from '../../shared/errors';
import { AppContext } from '../platform/context';
import { dispatch } from '../platform/dispatch';
import { restoreClosedDatabase } from '../services/protection/restore';
import { listBackups } from '../store/backups';
import { textExtractionDone } from '../store/attachments';
import { defaultDatabasePath, resolveDatabasePath } from '../store/paths';
import { Store } from '../store/store';

/** What a CLI command can do: call the API, print, restore. Opens the database only when needed. */
export class CliRuntime {
  exitCode = 0;
  /** The data key of an encrypted database, once unlocked. */
  key: Buffer | null = null;
  private context: AppContext | null = null;
  readonly databasePath: string;
  /** True when --db was given (some commands refuse the app's own database). */
  readonly explicitDatabase: boolean;

  constructor(
    dbOption: string | undefined,
    readonly json: boolean,
    private readonly out: (text: string) => void,
    private readonly err: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
  ) {
    this.explicitDatabase = dbOption !== undefined;
    if (dbOption === undefined) {
      this.databasePath = defaultDatabasePath();
      fs.mkdirSync(path.dirname(this.databasePath), { recursive: true });
    } else {
      this.databasePath = resolveDatabasePath(dbOption);
    }
  }

  /** One call of the contract, typed by its method: the dispatcher has checked the answer against the call's response schema. */
  async call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>> {
    const envelope = await dispatch(this.open(method === 'checkDatabase'), method, request);
    if (!envelope.ok) throw FieldbookError.fromData(envelope.error);
    return envelope.value as Response<M>;
  }

  /** A review named by id, or by its title (case-insensitive, unique prefix allowed). */
  async reviewId(reference: string | undefined): Promise<string> {
    if (!reference) throw new FieldbookError('invalid_input', 'Name the review: its id or title (see fieldbook reviews).');
    const reviews = await this.call('listReviews', { includeArchived: true });
    const exact = reviews.find((r) => r.id === reference || r.title.toLowerCase() === reference.toLowerCase());
    if (exact) return exact.id;
    const prefixed = reviews.filter((r) => r.title.toLowerCase().startsWith(reference.toLowerCase()));
    if (prefixed.length === 1 && prefixed[0]) return prefixed[0].id;
    if (prefixed.length > 1)
      throw new FieldbookError('invalid_input', `"${reference}" matches ${prefixed.length} reviews: ${prefixed.map((r) => r.title).join('; ')}. Use the id.`);
    throw new FieldbookError('not_found', `There is no review "${reference}" in ${this.databasePath}. See fieldbook reviews.`);
  }

  /** The open database, for commands that work below the API (the scale generator). */
  store(): Store {
    return this.open(false).store;
  }

  /** The services' context, for commands that run a long job directly (report export). */
  appContext(): AppContext {
    return this.open(false);
  }

  /** Progress and notes that are not the command's output go to stderr. */
  info(text: string): void {
    if (!this.json) this.err(text);
  }

  print<T>(value: T, human: () => string): void {
    this.out(this.json ? JSON.stringify(value, null, 2) : human());
  }

  restore(fileName: string | undefined): { fileName: string; keptAside: string | null } {
    this.close();
    const chosen = fileName ?? listBackups(this.databasePath)[0]?.fileName;
    if (!chosen) throw new FieldbookError('not_found', `There are no backups of ${this.databasePath} to restore.`);
    return { fileName: chosen, keptAside: restoreClosedDatabase(this.databasePath, chosen, this.key) };
  }

  /**
   * Waits for background work (attachment text for search) before the database closes, then
   * does what the app does after its first screen: the backup of what changed and, when due, the
   * full integrity check. Their warnings go to stderr; they never change the command's outcome.
   */
  async settle(): Promise<void> {
    await textExtractionDone();
    const store = this.context?.store;
    if (!store || !store.db.open || store.integrityProblems.length > 0) return;
    for (const warning of [...store.warnings, ...store.afterOpen()]) this.err(`fieldbook: warning: ${warning}`);
  }

  close(): void {
    this.context?.close();
    this.context = null;
  }

  private open(allowDamaged: boolean): AppContext {
    this.context ??= new AppContext(Store.open(this.databasePath, { allowDamaged, key: this.key ?? undefined }));
    return this.context;
  }
}
