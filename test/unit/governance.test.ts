import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { findingFromText } from '../../shared/findings/doc';
import { cli, testApps } from '../helpers';

const app = testApps(afterEach);
const PLANTED = 'Zephyrine Quillfeather waited nine days for her care package';

/** Every file a review's words could be left in: the database, its WAL, backups, attachments. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
const holding = (dir: string, text: string) => filesUnder(dir).filter((file) => fs.readFileSync(file).includes(Buffer.from(text)));

describe('the audit trail', () => {
  it('records who created, edited, deleted and exported, and --verify passes on an untouched chain', { timeout: 30_000 }, async () => {
    const a = app();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    const evidence = await a.call('addEvidence', { reviewId, kind: 'document', title: 'Winter plan' });
    await a.call('updateEvidence', { evidenceId: evidence.id, title: 'Winter plan 2018/19' });
    await a.call('removeEvidence', { evidenceId: evidence.id });
    const db = a.databasePath;
    a.close();
    const out = path.join(path.dirname(db), 'r.html');
    expect((await cli('--db', db, 'export', 'Oxfordshire', '--out', out)).code).toBe(0);
    const log = JSON.parse((await cli('--db', db, 'audit-log', 'Oxfordshire', '--json')).out) as Array<{
      action: string;
      method: string;
      target: string | null;
      personName: string;
    }>;
    const evidenceEntries = log.filter((e) => e.target === `evidence:${evidence.id}`).map((e) => `${e.action} ${e.method}`);
    expect(evidenceEntries).toEqual(['edit updateEvidence', 'delete removeEvidence']);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'edit', 'delete', 'export']));
    expect(log.find((e) => e.method === 'addEvidence')).toMatchObject({ action: 'create' });
    expect(log.at(-1)).toMatchObject({ action: 'export', method: 'cli export' });
    const verified = await cli('--db', db, 'audit-log', 'Oxfordshire', '--verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/Verified: the chain of \d+ entries is intact/);
  });

  it('refuses changes through SQL, and --verify detects an altered or removed entry', async () => {
    const a = app();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    for (const title of ['One', 'Two', 'Three']) await a.call('addEvidence', { reviewId, kind: 'document', title });
    const db = a.databasePath;
    a.close();
    const raw = new Database(db);
    expect(() => raw.prepare("UPDATE audit_trail SET method = 'nothing' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_trail WHERE seq = 2').run()).toThrow(/append-only/);
    // Someone who drops the guard and edits an entry is still caught by the chain.
    raw.exec('DROP TRIGGER audit_trail_no_update');
    raw.prepare("UPDATE audit_trail SET person_name = 'Someone else' WHERE seq = 2").run();
    raw.close();
    const altered = await cli('--db', db, 'audit-log', 'Oxfordshire', '--verify');
    expect(altered.code).toBe(1);
    expect(altered.out).toContain('entry 2: was altered after it was written');

    const raw2 = new Database(db);
    raw2.exec('DROP TRIGGER audit_trail_no_delete');
    raw2.prepare('DELETE FROM audit_trail WHERE seq = 3').run();
    raw2.close();
    const removed = await cli('--db', db, 'audit-log', 'Oxfordshire', '--verify');
    expect(removed.out).toContain('entry 4: entries 3–3 are missing');
  });
});

/** A review full of one planted sentence (notes, evidence summary, attachment, finding) and another review. */
async function plantedReviews() {
  const a = app();
  const detail = await a.call('createDemoReview', {});
  const reviewId = detail.review.id;
  const keep = await a.call('createReview', { title: 'Kent progress review', kind: 'progress_review', area: 'Kent', organisations: [] });
  await a.call('addEvidence', { reviewId: keep.review.id, kind: 'document', title: 'Kent winter plan stays' });
  const session = await a.call('createSession', { reviewId, kind: 'interview', title: 'Discharge team', kloeIds: [], consentNoted: true, status: 'final' });
  await a.call('saveNotes', {
    sessionId: session.session.id,
    doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: `${PLANTED}.` }] }] },
  });
  await a.call('addEvidence', {
    reviewId,
    kind: 'document',
    title: 'Case file',
    summary: PLANTED,
    attachments: [{ name: 'case.txt', dataBase64: Buffer.from(`Case notes: ${PLANTED}`).toString('base64') }],
  });
  const winter = detail.framework.find((f) => f.title === 'Winter planning')?.id ?? '';
  await a.call('addFinding', { reviewId, itemId: winter, kind: 'still_needed', doc: findingFromText(PLANTED) });
  expect(await a.call('setRetention', { reviewId, retentionUntil: '2025-11-06' })).toEqual({ retentionUntil: '2025-11-06' });
  expect((await a.call('listReviews', {})).find((r) => r.id === reviewId)?.retentionUntil).toBe('2025-11-06');
  a.store.backup('manual');
  expect((await a.failure('deleteReview', { reviewId, confirmTitle: 'wrong' })).message).toMatch(/type its title exactly/);
  const db = a.databasePath;
  a.close();
  return { db, dir: path.dirname(db) };
}

describe('retention and deleting a review', () => {
  it("removes a deleted review's words from the database and its attachments, reports the backups, and keeps other reviews", async () => {
    const { db, dir } = await plantedReviews();
    expect(holding(dir, PLANTED).length).toBeGreaterThan(2);
    expect(await cli('--db', db, 'delete', 'Oxfordshire')).toMatchObject({ code: 1, err: expect.stringMatching(/Run again with --yes/) });
    const deleted = await cli('--db', db, 'delete', 'Oxfordshire', '--yes');
    expect(deleted.code).toBe(0);
    expect(deleted.out).toMatch(/backups? taken before today still hold it/);
    const left = holding(dir, PLANTED);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((file) => file.includes(`${path.sep}backups${path.sep}`) || path.basename(path.dirname(file)) === 'backups')).toBe(true);
    expect(JSON.parse((await cli('--db', db, 'reviews', '--json')).out).map((r: { title: string }) => r.title)).toEqual(['Kent progress review']);
    expect((await cli('--db', db, 'evidence', 'list', 'Kent', '--json')).out).toContain('Kent winter plan stays');
  });

  it('with --purge-backups leaves the words nowhere on disk', async () => {
    const { db, dir } = await plantedReviews();
    const purged = await cli('--db', db, 'delete', 'Oxfordshire', '--yes', '--purge-backups');
    expect(purged.out).toMatch(/backups that held it removed/);
    expect(holding(dir, PLANTED)).toEqual([]);
    expect((await cli('--db', db, 'backups', '--json')).out).not.toBe('[]'); // a fresh backup without it
  });
});
