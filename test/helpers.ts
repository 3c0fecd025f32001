import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodName, Request, Response } from '../shared/api/contract';
import { FieldbookError } from '../shared/errors';
import { AppContext } from '../main/platform/context';
import { dispatch } from '../main/platform/dispatch';
import { Store } from '../main/store/store';
import { runCli } from '../main/cli/main';

const madeDirs: string[] = [];

/** A fresh temporary folder; removed after the test file (see test/temp-cleanup.ts). */
export function tempDir(prefix = 'fieldbook-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/**
 * Removes the temporary folders the tests made. Without it a full run left ~20 MB behind per
 * test file, and a mutation run (thousands of test runs) filled an 80 GB disk.
 */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A real database in a temporary folder, called through the same dispatcher as every binding. */
export class TestApp {
  readonly dir = tempDir();
  readonly databasePath = path.join(this.dir, 'fieldbook.sqlite');
  readonly context: AppContext;

  constructor() {
    this.context = new AppContext(Store.open(this.databasePath));
  }

  get store(): Store {
    return this.context.store;
  }

  async call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>> {
    const envelope = await dispatch(this.context, method, request);
    if (!envelope.ok) throw FieldbookError.fromData(envelope.error);
    return envelope.value as Response<M>;
  }

  /** The error a call fails with (the test fails if it succeeds). */
  async failure<M extends MethodName>(method: M, request: unknown): Promise<FieldbookError> {
    const envelope = await dispatch(this.context, method, request);
    if (envelope.ok) throw new Error(`${method} was expected to fail but succeeded`);
    return FieldbookError.fromData(envelope.error);
  }

  count(table: string): number {
    return (this.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  close(): void {
    this.context.close();
  }
}

/** A factory for TestApps that are all closed after each test. */
export function testApps(afterEachHook: (fn: () => void) => void): () => TestApp {
  const apps: TestApp[] = [];
  afterEachHook(() => apps.splice(0).forEach((app) => app.close()));
  return () => {
    const created = new TestApp();
    apps.push(created);
    return created;
  };
}

/** Runs the CLI in-process with its output captured, as a user at a terminal would see it. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
