import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../main/platform/context';
import { dispatch } from '../../main/platform/dispatch';
import { LOG_FILE_NAME, LOG_MAX_BYTES, logInternalError, scrub } from '../../main/platform/error-log';
import { logFolderFor } from '../../main/store/paths';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';

let context: AppContext | null = null;
afterEach(() => {
  try {
    context?.close();
  } catch {
    // closed by the test
  }
  context = null;
});

describe('internal errors are logged with their stack, never with notes or names', () => {
  it('answers with where the log is and keeps the stack there, but not what the reviewer typed', async () => {
    const databasePath = path.join(tempDir(), 'fieldbook.sqlite');
    context = new AppContext(Store.open(databasePath));
    const created = await dispatch(context, 'createDemoReview', {});
    expect(created.ok).toBe(true);
    // A fault below the API: the database has gone away under the running app.
    context.store.db.close();
    const answer = await dispatch(context, 'updateIdentity', { displayName: 'Mrs Edna Marsh, who uses the day centre' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('internal');
    const file = path.join(logFolderFor(databasePath), LOG_FILE_NAME);
    expect(answer.error.message).toContain(file);
    const ref = /reference ([0-9A-F]{6})/.exec(answer.error.message)?.[1];
    expect(ref).toBeTruthy();
    const log = fs.readFileSync(file, 'utf8');
    expect(log).toContain(`ref ${ref} call updateIdentity`);
    expect(log).toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(log).not.toContain('Edna');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('cuts anything quoted out of a message', () => {
    expect(scrub("No such session \"Carers' group with Mr Patel\" in 'Westmoor'")).toBe('No such session "…" in "…"');
  });

  it('rotates a full log and keeps three', () => {
    const databasePath = path.join(tempDir(), 'fieldbook.sqlite');
    const big = new Error('x'.repeat(150));
    let entries = 0;
    while (!fs.existsSync(path.join(logFolderFor(databasePath), 'fieldbook.2.log'))) {
      logInternalError(databasePath, 'getReview', big);
      entries++;
      expect(entries).toBeLessThan(100_000);
    }
    for (let index = 0; index < 20_000; index++) logInternalError(databasePath, 'getReview', big);
    const files = fs.readdirSync(logFolderFor(databasePath)).sort();
    expect(files).toEqual(['fieldbook.1.log', 'fieldbook.2.log', 'fieldbook.log']);
    for (const name of files) expect(fs.statSync(path.join(logFolderFor(databasePath), name)).size).toBeLessThan(LOG_MAX_BYTES + 10_000);
  });

  it('never throws, even where the log cannot be written', () => {
    const blocked = path.join(tempDir(), 'file-not-folder');
    fs.writeFileSync(`${blocked}-files`, 'in the way');
    expect(logInternalError(blocked, 'getReview', new Error('boom'))).toBeNull();
  });
});
