import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { encryptDatabase } from '../../main/store/encrypt';
import { unlockWithPassphrase } from '../../main/store/keys';
import { Store } from '../../main/store/store';
import { tempDir } from '../helpers';
import { previewApi, startPreview, type RunningPreview } from './harness';

/**
 * Adds team members from four writers in parallel, kills the server with SIGKILL after 1.5 s (so
 * the kill lands while transactions are in flight) and returns the names it acknowledged.
 */
async function writeUntilKilled(preview: RunningPreview, title: string, prefix: string): Promise<string[]> {
  const call = previewApi(preview);
  const { review } = await call<{ review: { id: string } }>('createReview', { title, kind: 'progress_review', area: 'Kent' });
  const acknowledged: string[] = [];
  let stopped = false;
  const writer = async (n: number) => {
    for (let i = 0; !stopped; i += 1) {
      const name = `${prefix} ${n}-${i}`;
      try {
        await call('addTeamMember', { reviewId: review.id, name, role: 'reviewer' });
        acknowledged.push(name);
      } catch {
        return; // the server died mid-request
      }
    }
  };
  const writers = [1, 2, 3, 4].map(writer);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  preview.process.kill('SIGKILL');
  stopped = true;
  await Promise.all(writers);
  await preview.stop();
  return acknowledged;
}

/**
 * Never lose a reviewer's words: kill -9 the server while it is writing as fast as it can, then
 * check the database opens cleanly and holds every change the server had acknowledged.
 */
describe('a killed process', () => {
  it('leaves a sound database holding every acknowledged write', async () => {
    const databasePath = path.join(tempDir(), 'crash.sqlite');
    const preview = await startPreview(databasePath);
    const acknowledged = await writeUntilKilled(preview, 'Crash test', 'Member');
    expect(acknowledged.length).toBeGreaterThan(20);

    const raw = new Database(databasePath, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = Store.open(databasePath);
    const names = new Set((store.db.prepare('SELECT name FROM team_members').all() as Array<{ name: string }>).map((r) => r.name));
    expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
    store.close();
  });
});

describe('a killed process on an encrypted database', () => {
  it('leaves an encrypted database that opens with its key, sound and holding every acknowledged write', async () => {
    const databasePath = path.join(tempDir(), 'crash-encrypted.sqlite');
    Store.open(databasePath, {}).close();
    encryptDatabase(databasePath, 'a long enough passphrase');
    const preview = await startPreview(databasePath, { FIELDBOOK_PASSPHRASE: 'a long enough passphrase' });
    const acknowledged = await writeUntilKilled(preview, 'Encrypted crash test', 'Secret member');
    expect(acknowledged.length).toBeGreaterThan(20);

    for (const file of [databasePath, `${databasePath}-wal`]) if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from('Secret member'))).toBe(false);
    const store = Store.open(databasePath, { key: unlockWithPassphrase(databasePath, 'a long enough passphrase') });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const names = new Set((store.db.prepare('SELECT name FROM team_members').all() as Array<{ name: string }>).map((r) => r.name));
    expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
    store.close();
  });
});
