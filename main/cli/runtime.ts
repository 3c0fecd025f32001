import fs from 'node:fs';
import path from 'node:path';
import type { MethodName } from '../../shared/api/contract';
import { FieldbookError } from '../../shared/errors';
import { AppContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { restoreClosedDatabase } from '../services/restore';
import { listBackups } from '../store/backups';
import { defaultDatabasePath, resolveDatabasePath } from '../store/paths';
import { Store } from '../store/store';

/** What a CLI command can do: call the API, print, restore. Opens the database only when needed. */
export class CliRuntime {
  exitCode = 0;
  private context: AppContext | null = null;
  readonly databasePath: string;

  constructor(
    dbOption: string | undefined,
    readonly json: boolean,
    private readonly out: (text: string) => void,
  ) {
    if (dbOption === undefined) {
      this.databasePath = defaultDatabasePath();
      fs.mkdirSync(path.dirname(this.databasePath), { recursive: true });
    } else {
      this.databasePath = resolveDatabasePath(dbOption);
    }
  }

  async call(method: MethodName, payload: unknown): Promise<unknown> {
    const envelope = await dispatch(this.open(method === 'checkDatabase'), method, payload);
    if (!envelope.ok) throw FieldbookError.fromData(envelope.error);
    return envelope.value;
  }

  print<T>(value: T, human: () => string): void {
    this.out(this.json ? JSON.stringify(value, null, 2) : human());
  }

  restore(fileName: string | undefined): { fileName: string; keptAside: string | null } {
    this.close();
    const chosen = fileName ?? listBackups(this.databasePath)[0]?.fileName;
    if (!chosen) throw new FieldbookError('not_found', `There are no backups of ${this.databasePath} to restore.`);
    return { fileName: chosen, keptAside: restoreClosedDatabase(this.databasePath, chosen) };
  }

  close(): void {
    this.context?.close();
    this.context = null;
  }

  private open(allowDamaged: boolean): AppContext {
    this.context ??= new AppContext(Store.open(this.databasePath, { allowDamaged }));
    return this.context;
  }
}
