import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle as readSealedContents, type Bundle } from '../../main/services/exchange/bundle-file';
import { importOf, keysOf, resealed, unseal, type LaptopKeys } from '../exchange-helpers';
import { zipEntries } from '../../main/infra/zip-codec';
import { trailEntries, verifyTrail } from '../../main/store/audit-trail';
import { analyseAudit } from '../../shared/relational-audit/analysis';
import { findingFromText } from '../../shared/findings/doc';
import { cli, tempDir, testApps } from '../helpers';

/**
 * The guards of people's data and of the record, each tested on its own: a guard that only ever
 * fails together with another is not known to work.
 */
const app = testApps(afterEach);

describe('relational audit suppression', () => {
  it('counts distinct respondents, not answers: one respondent giving three answers about a partner is suppressed', () => {
    const statements = (['DIR1', 'DIR2', 'DIR3'] as const).map((code, i) => ({ id: `s${i}`, code, domain: 'directness' as const, reversed: false, retired: false }));
    const respondents = [{ id: 'only', organisation: 'OCC', role: 'frontline' as const }];
    const answers = statements.map((s) => ['only', s.id, 'SCAS', 4] as const);
    const result = analyseAudit({
      statements,
      organisations: new Map([
        ['OCC', 'OCC'],
        ['SCAS', 'SCAS'],
      ]),
      respondents,
      answers,
      comments: [],
      minRespondents: 3,
    });
    const cell = result.matrix.find((m) => m.from === 'OCC' && m.to === 'SCAS' && m.domain === 'all');
    expect(cell).toMatchObject({ n: 3, respondents: 1, suppressed: true, mean: null });
    // Three distinct people answering once each is shown.
    const three = analyseAudit({
      statements,
      organisations: new Map([
        ['OCC', 'OCC'],
        ['SCAS', 'SCAS'],
      ]),
      respondents: ['a', 'b', 'c'].map((id) => ({ id, organisation: 'OCC', role: 'frontline' as const })),
      answers: ['a', 'b', 'c'].map((id) => [id, 's0', 'SCAS', 4] as const),
      comments: [],
      minRespondents: 3,
    });
    expect(three.matrix.find((m) => m.domain === 'all')).toMatchObject({ n: 3, respondents: 3, suppressed: false, mean: 4 });
  });
});

describe('the checks on a bundle, each on its own', () => {
  // The zip inside the seal is checked as well: a teammate holds the key, so these are the checks on what they seal.
  const readBundle = (zip: Buffer, fileName: string) => readSealedContents(zip, fileName, true);
  let keys: LaptopKeys;
  /** The zip inside a good sealed bundle. */
  async function goodBundle() {
    const a = app();
    const detail = await a.call('createDemoReview', {});
    await a.call('addEvidence', {
      reviewId: detail.review.id,
      kind: 'document',
      title: 'Minutes',
      attachments: [{ name: 'minutes.txt', dataBase64: Buffer.from('Minutes of the board').toString('base64') }],
    });
    const exported = await a.call('exportBundle', { reviewId: detail.review.id, sincePeer: null });
    keys = keysOf(a, detail.review.id);
    return unseal(keys, Buffer.from(exported.dataBase64, 'base64'));
  }
  const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
  /** A bundle zip of these entries, its whole-file checksum made afresh (or kept from `keep`). */
  function rezip(entries: Record<string, Uint8Array>, keep?: Buffer): Buffer {
    const body = zipEntries(Object.entries(entries).map(([name, bytes]) => ({ name, bytes, deflate: true })));
    body.writeUInt16LE(64, body.length - 2);
    return Buffer.concat([body, keep ? keep.subarray(keep.length - 64) : Buffer.from(sha(body), 'ascii')]);
  }
  function entriesOf(bundle: Buffer): Record<string, Uint8Array> {
    const read = readBundle(bundle, 'good');
    const entries: Record<string, Uint8Array> = {
      'manifest.json': Buffer.from(JSON.stringify(read.manifest), 'utf8'),
      'records.json': Buffer.from(JSON.stringify(read.records), 'utf8'),
    };
    for (const [name, bytes] of read.files) entries[`attachments/${name}`] = bytes;
    return entries;
  }
  const manifestOf = (entries: Record<string, Uint8Array>) =>
    JSON.parse(Buffer.from(entries['manifest.json'] as Uint8Array).toString('utf8')) as { author: { name: string }; entries: Record<string, string> };

  it('reads back a good bundle rebuilt by the helper (so each refusal below is down to its one change)', async () => {
    const good = await goodBundle();
    expect(() => readBundle(rezip(entriesOf(good)), 'rebuilt')).not.toThrow();
  });

  // An old unprotected bundle (format 1) has only its checksums: sealed ones have the seal instead.
  const asFormatOne = (entries: Record<string, Uint8Array>) => {
    entries['manifest.json'] = Buffer.from(JSON.stringify({ ...manifestOf(entries), formatVersion: 1 }), 'utf8');
    return entries;
  };
  const readFormatOne = (zip: Buffer, fileName: string) => readSealedContents(zip, fileName, false);

  it('refuses an old bundle with its manifest edited (author renamed) and the old whole-file checksum kept', async () => {
    const original = rezip(asFormatOne(entriesOf(await goodBundle())));
    expect(() => readFormatOne(original, 'original')).not.toThrow();
    const entries = entriesOf(original);
    const manifest = manifestOf(entries);
    manifest.author.name = 'Somebody Else';
    entries['manifest.json'] = Buffer.from(JSON.stringify(manifest), 'utf8');
    expect(() => readFormatOne(rezip(entries, original), 'renamed.fieldbook-bundle')).toThrow(/renamed\.fieldbook-bundle is damaged or incomplete \(its checksum does not match\)/);
  });

  it('refuses an old bundle with records changed and the whole-file checksum made afresh: the entry no longer matches its hash in the manifest', async () => {
    const entries = asFormatOne(entriesOf(await goodBundle()));
    expect(() => readFormatOne(rezip(entries), 'original')).not.toThrow();
    const records = JSON.parse(Buffer.from(entries['records.json'] as Uint8Array).toString('utf8')) as { people: Array<{ display_name: string }> };
    if (records.people[0]) records.people[0].display_name = 'Renamed';
    entries['records.json'] = Buffer.from(JSON.stringify(records), 'utf8');
    expect(() => readFormatOne(rezip(entries), 'edited.fieldbook-bundle')).toThrow(/edited\.fieldbook-bundle is damaged or incomplete/);
  });

  it('refuses sealed contents whose attachment bytes are not the hash that its name and the manifest both give', async () => {
    const entries = entriesOf(await goodBundle());
    const name = Object.keys(entries).find((entry) => entry.startsWith('attachments/')) ?? '';
    entries[name] = Buffer.from('not the minutes at all');
    expect(manifestOf(entries).entries[name]).toBe(name.slice('attachments/'.length));
    expect(() => readBundle(rezip(entries), 'swapped.fieldbook-bundle')).toThrow(/swapped\.fieldbook-bundle is damaged or incomplete/);
  });

  it('refuses an entry the manifest does not list, even with every checksum made afresh', async () => {
    const entries = entriesOf(await goodBundle());
    const planted = Buffer.from('@echo off\r\nstart calc.exe\r\n');
    entries[`attachments/${sha(planted)}`] = planted;
    expect(() => readBundle(rezip(entries), 'planted.fieldbook-bundle')).toThrow(/planted\.fieldbook-bundle holds a file its manifest does not list \(attachments\/[0-9a-f]{64}\)/);
  });

  it('refuses a bundle without its records, or with a manifest that is not one', async () => {
    const entries = entriesOf(await goodBundle());
    const withoutRecords = { ...entries };
    delete withoutRecords['records.json'];
    expect(() => readBundle(rezip(withoutRecords), 'empty.fieldbook-bundle')).toThrow(/empty\.fieldbook-bundle is damaged or incomplete/);
    expect(() => readBundle(rezip({ ...entries, 'manifest.json': Buffer.from('{"format":"something else"}') }), 'other.fieldbook-bundle')).toThrow(
      /other\.fieldbook-bundle \(manifest\.json\): format: not a Fieldbook team bundle/,
    );
  });

  it('refuses an attachment whose bytes are not what its name (their SHA-256) says, with every hash in the manifest made to match', async () => {
    const a = app();
    const good = await goodBundle();
    const read = readBundle(good, 'good');
    const name = [...read.files.keys()][0] ?? '';
    const swapped = Buffer.from('not the minutes at all');
    const forged = resealed(keys, { ...read, files: new Map([[name, swapped]]) } satisfies Bundle);
    const refused = await a.failure('mergeBundle', importOf(keys, 'swapped.fieldbook-bundle', forged));
    expect(refused.message).toMatch(/swapped\.fieldbook-bundle is damaged: attachment .* does not match its name/);
    expect(a.count('reviews')).toBe(0);
  });
});

describe('the audit trail', () => {
  const COLUMNS: Array<[string, string | null]> = [
    ['at', '2001-01-01T00:00:00.000Z'],
    ['person_id', 'someone-else'],
    ['person_name', 'Someone Else'],
    ['device', 'another-laptop'],
    ['action', 'restore'],
    ['method', 'deleteEverything'],
    ['review_id', '00000000-0000-7000-8000-000000000000'],
    ['target', 'evidence:forged'],
    ['prev_hash', '0'.repeat(64)],
  ];

  it.each(COLUMNS)('detects an entry whose %s alone was altered', async (column, value) => {
    const a = app();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    for (const title of ['One', 'Two']) await a.call('addEvidence', { reviewId, kind: 'document', title });
    const db = a.databasePath;
    a.close();
    const raw = new Database(db);
    try {
      expect(verifyTrail(raw).ok).toBe(true);
      raw.exec('DROP TRIGGER audit_trail_no_update');
      const before = raw.prepare(`SELECT ${column} AS v FROM audit_trail WHERE seq = 2`).get() as { v: unknown };
      expect(before.v).not.toBe(value);
      raw.prepare(`UPDATE audit_trail SET ${column} = ? WHERE seq = 2`).run(value);
      const verdict = verifyTrail(raw);
      expect(verdict.ok).toBe(false);
      expect(verdict.problems).toContainEqual({ seq: 2, problem: 'was altered after it was written' });
    } finally {
      raw.close();
    }
  });
});

describe('the audit trail as a chain', () => {
  async function trail() {
    const a = app();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    const other = (await a.call('createReview', { title: 'Kent', kind: 'progress_review', area: 'Kent' })).review.id;
    for (const title of ['One', 'Two', 'Three']) await a.call('addEvidence', { reviewId, kind: 'document', title });
    const db = a.databasePath;
    a.close();
    return { raw: new Database(db), reviewId, other };
  }

  it("lists one review's entries, or all of them, in order", async () => {
    const { raw, reviewId, other } = await trail();
    try {
      const all = trailEntries(raw, null);
      const mine = trailEntries(raw, reviewId);
      expect(mine.length).toBeGreaterThan(3);
      expect(mine.every((e) => e.reviewId === reviewId)).toBe(true);
      expect(trailEntries(raw, other).every((e) => e.reviewId === other)).toBe(true);
      expect(all.length).toBeGreaterThan(mine.length);
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    } finally {
      raw.close();
    }
  });

  it('detects the newest entries cut from the end, which leaves a chain that is sound in itself', async () => {
    const { raw } = await trail();
    try {
      const last = (raw.prepare('SELECT max(seq) AS n FROM audit_trail').get() as { n: number }).n;
      raw.exec('DROP TRIGGER audit_trail_no_delete');
      raw.prepare('DELETE FROM audit_trail WHERE seq >= ?').run(last - 1);
      const verdict = verifyTrail(raw);
      expect(verdict).toMatchObject({ ok: false, entries: last - 2 });
      expect(verdict.problems).toEqual([{ seq: last, problem: 'the newest entries were removed (the trail ends early)' }]);
    } finally {
      raw.close();
    }
  });

  it('detects an entry rewritten with its own hash made afresh: the next entry no longer follows it', async () => {
    const { raw } = await trail();
    try {
      raw.exec('DROP TRIGGER audit_trail_no_update');
      const entry = trailEntries(raw, null).find((e) => e.seq === 2)!;
      const forged = { ...entry, method: 'nothingHappened' };
      const fields = [forged.seq, forged.at, forged.personId, forged.personName, forged.device, forged.action, forged.method, forged.reviewId, forged.target, forged.prevHash];
      const hash = crypto.createHash('sha256').update(JSON.stringify(fields)).digest('hex');
      raw.prepare('UPDATE audit_trail SET method = ?, hash = ? WHERE seq = 2').run(forged.method, hash);
      const verdict = verifyTrail(raw);
      expect(verdict.ok).toBe(false);
      expect(verdict.problems).toEqual([{ seq: 3, problem: 'does not follow the entry before it (an entry was removed or changed)' }]);
    } finally {
      raw.close();
    }
  });

  it('passes an untouched chain, and an empty one', () => {
    const raw = new Database(':memory:');
    raw.exec(
      'CREATE TABLE audit_trail (seq INTEGER, at TEXT, person_id TEXT, person_name TEXT, device TEXT, action TEXT, method TEXT, review_id TEXT, target TEXT, prev_hash TEXT, hash TEXT); CREATE TABLE local_settings (key TEXT PRIMARY KEY, value TEXT)',
    );
    expect(verifyTrail(raw)).toEqual({ ok: true, entries: 0, problems: [] });
    raw.close();
  });
});

describe('the names check, through the whole export', () => {
  it("stops a report whose finding holds a participant's recorded real name, in full or by surname, on the CLI and in the app", { timeout: 30_000 }, async () => {
    const a = app();
    const detail = await a.call('createDemoReview', {});
    const kloe = detail.framework.find((item) => item.kind === 'theme')!;
    await a.call('createSession', {
      reviewId: detail.review.id,
      kind: 'interview',
      title: 'Carer',
      participants: [{ designation: 'Carer', organisationId: null, group: 'carer', realName: 'Ottoline Brackenbury' }],
    });
    const items = await a.call('addFinding', {
      reviewId: detail.review.id,
      itemId: kloe.id,
      kind: 'improvement',
      priority: 'operational',
      doc: findingFromText('Carers such as Ottoline Brackenbury waited weeks for an assessment.'),
    });
    const findingId = items.flatMap((i) => i.findings)[0]!.id;

    // In the app: the export job stops at the names check.
    const { jobId } = await a.call('startReportExport', { reviewId: detail.review.id, format: 'md' });
    let status = await a.call('getReportExportStatus', { jobId });
    for (let i = 0; status.state === 'running' && i < 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await a.call('getReportExportStatus', { jobId });
    }
    expect(status.state).toBe('blocked');
    expect(status.names.map((n) => n.name)).toContain('Ottoline Brackenbury');
    expect(status.result).toBeNull();

    // By surname alone, on the CLI: nothing is written, exit 1.
    await a.call('saveFinding', { findingId, doc: findingFromText('Mrs Brackenbury’s daughter waited weeks for an assessment.') });
    const db = a.databasePath;
    a.close();
    const out = path.join(tempDir(), 'report.docx');
    const result = await cli('--db', db, 'export', 'Oxfordshire', '--out', out);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Brackenbury \(a name recorded in a session\)/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
