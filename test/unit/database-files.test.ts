import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../main/platform/context';
import { dispatch } from '../../main/platform/dispatch';
import { attachmentsDir, storedPath } from '../../main/store/attachments';
import { listBackups } from '../../main/store/backups';
import { backupFolderFor, databaseFilesDir } from '../../main/store/paths';
import { Store } from '../../main/store/store';
import type { MethodName, Request, Response } from '../../shared/api/contract';
import { FieldbookError } from '../../shared/errors';
import { cli, tempDir } from '../helpers';

/**
 * Two databases in one folder (`--db ./a.sqlite`, `--db ./b.sqlite`) must not share a file:
 * encrypting, deleting, restoring, pruning backups and checking attachments of one must never
 * touch the other's attachments or backups.
 */
const PASSPHRASE = 'correct horse battery staple';
const open: Store[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

async function call<M extends MethodName>(db: string, method: M, request: Request<M>, key?: Buffer): Promise<Response<M>> {
  const store = Store.open(db, { key });
  open.push(store);
  try {
    const envelope = await dispatch(new AppContext(store), method, request);
    if (!envelope.ok) throw FieldbookError.fromData(envelope.error);
    return envelope.value as Response<M>;
  } finally {
    store.close();
  }
}

async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const SHARED = Buffer.from('Minutes of the discharge meeting: the same file in both reviews.');
const plainFiles = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name))
    : [];

/** A database with one review and one attachment, and a backup. */
async function database(dir: string, name: string): Promise<{ db: string; reviewId: string; sha: string }> {
  const db = path.join(dir, name);
  const { review } = await call(db, 'createReview', {
    title: `Review in ${name}`,
    kind: 'progress_review',
    area: 'Kent',
    organisations: [{ name: 'Kent County Council', shortName: 'KCC' }],
  });
  const item = await call(db, 'addEvidence', {
    reviewId: review.id,
    kind: 'document',
    title: 'Minutes',
    attachments: [{ name: 'minutes.txt', dataBase64: SHARED.toString('base64') }],
  });
  await call(db, 'backupNow', {});
  return { db, reviewId: review.id, sha: item.attachments[0]?.sha256 ?? '' };
}

describe('each database owns its files', () => {
  it('keeps attachments and backups in a folder named after the database', async () => {
    const dir = tempDir();
    const a = await database(dir, 'a.sqlite');
    expect(databaseFilesDir(a.db)).toBe(path.join(dir, 'a.sqlite-files'));
    expect(storedPath(a.db, a.sha).startsWith(path.join(dir, 'a.sqlite-files', 'attachments'))).toBe(true);
    expect(fs.existsSync(storedPath(a.db, a.sha))).toBe(true);
    expect(listBackups(a.db).length).toBeGreaterThan(0);
    expect(backupFolderFor(a.db)).toBe(path.join(dir, 'a.sqlite-files', 'backups'));
    expect(fs.existsSync(path.join(dir, 'attachments'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it("encrypting a.sqlite leaves b.sqlite's attachment and backups readable and unaltered", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const a = await database(dir, 'a.sqlite');
    const b = await database(dir, 'b.sqlite');
    const bFilesBefore = plainFiles(databaseFilesDir(b.db)).map((f) => [f, fs.readFileSync(f).toString('base64')]);
    const encrypted = await withEnv({ FIELDBOOK_NEW_PASSPHRASE: PASSPHRASE }, () => cli('--db', a.db, 'encrypt'));
    expect(encrypted.code).toBe(0);
    expect(plainFiles(databaseFilesDir(b.db)).map((f) => [f, fs.readFileSync(f).toString('base64')])).toEqual(bFilesBefore);
    expect(await call(b.db, 'checkAttachments', { reviewId: b.reviewId })).toEqual([]);
    // b's backups still open without a key, and restore.
    const restored = await cli('--db', b.db, 'backups', 'restore');
    expect(restored.code).toBe(0);
    // a's own attachment is sealed.
    expect(fs.readFileSync(storedPath(a.db, a.sha)).includes(SHARED)).toBe(false);
  });

  it("deleting a review, pruning backups and restoring in one database never touch the other's files", { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const a = await database(dir, 'a.sqlite');
    const b = await database(dir, 'b.sqlite');
    const bBackups = listBackups(b.db).map((x) => x.fileName);
    const deleted = await cli('--db', a.db, 'delete', a.reviewId, '--yes', '--purge-backups');
    expect(deleted.code).toBe(0);
    expect(fs.existsSync(storedPath(a.db, a.sha))).toBe(false);
    expect(fs.existsSync(storedPath(b.db, b.sha))).toBe(true);
    for (let i = 0; i < 12; i += 1) await cli('--db', a.db, 'backups', 'create');
    expect(listBackups(b.db).map((x) => x.fileName)).toEqual(bBackups);
    await cli('--db', a.db, 'backups', 'restore');
    expect(await call(b.db, 'checkAttachments', { reviewId: b.reviewId })).toEqual([]);
    expect(listBackups(b.db).map((x) => x.fileName)).toEqual(bBackups);
  });

  it('moves the files of an older layout (attachments/ and backups/ beside the database) into its own folder, once', async () => {
    const dir = tempDir();
    const a = await database(dir, 'fieldbook.sqlite');
    // Put the files where an older Fieldbook kept them.
    const legacyAttachments = path.join(dir, 'attachments');
    const legacyBackups = path.join(dir, 'backups');
    fs.renameSync(attachmentsDir(a.db), legacyAttachments);
    fs.renameSync(backupFolderFor(a.db), legacyBackups);
    fs.rmSync(databaseFilesDir(a.db), { recursive: true });
    const backupNames = fs.readdirSync(legacyBackups);
    expect(await call(a.db, 'checkAttachments', { reviewId: a.reviewId })).toEqual([]);
    expect(fs.existsSync(storedPath(a.db, a.sha))).toBe(true);
    expect(listBackups(a.db).map((x) => x.fileName)).toEqual(expect.arrayContaining(backupNames));
    // The only database here: nothing is left in the old shared folders.
    expect(fs.existsSync(legacyAttachments)).toBe(false);
    expect(fs.existsSync(legacyBackups)).toBe(false);
  });

  it('leaves an older shared folder in place while another database beside it may still need its files', async () => {
    const dir = tempDir();
    const a = await database(dir, 'a.sqlite');
    const b = await database(dir, 'b.sqlite');
    const legacyAttachments = path.join(dir, 'attachments');
    fs.mkdirSync(path.join(legacyAttachments, a.sha.slice(0, 2)), { recursive: true });
    fs.copyFileSync(storedPath(a.db, a.sha), path.join(legacyAttachments, a.sha.slice(0, 2), a.sha));
    for (const x of [a, b]) fs.rmSync(databaseFilesDir(x.db), { recursive: true });
    expect(await call(a.db, 'checkAttachments', { reviewId: a.reviewId })).toEqual([]);
    expect(fs.existsSync(path.join(legacyAttachments, a.sha.slice(0, 2), a.sha))).toBe(true);
    expect(await call(b.db, 'checkAttachments', { reviewId: b.reviewId })).toEqual([]);
  });
});
