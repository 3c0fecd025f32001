import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentsDir, storedPath, textExtractionDone } from '../../main/store/attachments';
import { newId } from '../../shared/ids';
import { testApps, type TestApp } from '../helpers';

const app = testApps(afterEach);
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function review(a: TestApp, kind: 'progress_review' | 'saf_provider' = 'progress_review') {
  if (kind === 'progress_review') return a.call('createDemoReview', {});
  return a.call('createReview', { title: 'SAF assessment', kind, area: 'Kent', organisations: [{ name: 'Kent County Council', shortName: 'KCC' }] });
}

function storedFiles(a: TestApp): string[] {
  const dir = attachmentsDir(a.databasePath);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /[0-9a-f]{64}$/.test(f));
}

describe('evidence log', () => {
  it('numbers evidence E001, E002… and never reuses a removed code', async () => {
    const a = app();
    const { review: r } = await review(a);
    const first = await a.call('addEvidence', { reviewId: r.id, kind: 'document', title: 'Older people’s strategy 2019–2024' });
    const second = await a.call('addEvidence', { reviewId: r.id, kind: 'soir_response', title: 'SOIR' });
    expect([first.code, second.code]).toEqual(['E001', 'E002']);
    await a.call('removeEvidence', { evidenceId: second.id });
    const third = await a.call('addEvidence', { reviewId: r.id, kind: 'data', title: 'DTOC data' });
    expect(third.code).toBe('E003');
    expect((await a.call('listEvidence', { reviewId: r.id })).map((e) => e.code)).toEqual(['E001', 'E003']);
  });

  it('stores identical attachments once, by SHA-256, keeping each original name', async () => {
    const a = app();
    const { review: r } = await review(a);
    const one = await a.call('addEvidence', { reviewId: r.id, kind: 'document', title: 'Board paper', attachments: [{ name: 'board-paper.pdf', dataBase64: b64(PDF) }] });
    const two = await a.call('addEvidence', {
      reviewId: r.id,
      kind: 'document',
      title: 'Same paper again',
      attachments: [{ name: 'copy of board paper.pdf', dataBase64: b64(PDF) }],
    });
    expect(storedFiles(a)).toHaveLength(1);
    expect(one.attachments[0]?.sha256).toBe(two.attachments[0]?.sha256);
    expect(two.attachments[0]?.originalName).toBe('copy of board paper.pdf');
    const read = await a.call('readAttachment', { attachmentId: one.attachments[0]!.id });
    expect(Buffer.from(read.dataBase64, 'base64').equals(PDF)).toBe(true);
  });

  it.each([
    ['../../etc/passwd', b64('root:x:0:0'), /not a plain file name/],
    ['passwd', b64('root:x:0:0'), /files without an extension are not accepted/],
    ['notes.exe', b64('MZ'), /\.exe files are not accepted/],
    ['report.docx', b64(PDF), /is not a Word document: its content does not match \.docx/],
    ['photo.png', b64('just text'), /is not a PNG image/],
    ['data.csv', b64(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])), /is not UTF-8 text/],
    ['empty.txt', '', /is empty/],
  ])('refuses the attachment %s with a clear message and logs nothing', async (name, data, message) => {
    const a = app();
    const { review: r } = await review(a);
    const error = await a.failure('addEvidence', { reviewId: r.id, kind: 'document', title: 'T', attachments: [{ name, dataBase64: data }] });
    expect(error.message).toMatch(message);
    expect(a.count('evidence')).toBe(0);
    expect(storedFiles(a)).toEqual([]);
  });

  it('detects a stored file that went missing or was altered', async () => {
    const a = app();
    const { review: r } = await review(a);
    const item = await a.call('addEvidence', {
      reviewId: r.id,
      kind: 'document',
      title: 'Notes',
      attachments: [
        { name: 'a.txt', dataBase64: b64('alpha') },
        { name: 'b.txt', dataBase64: b64('bravo') },
      ],
    });
    expect(await a.call('checkAttachments', { reviewId: r.id })).toEqual([]);
    const [alpha, bravo] = item.attachments;
    fs.rmSync(storedPath(a.databasePath, alpha!.sha256), { force: true });
    const altered = storedPath(a.databasePath, bravo!.sha256);
    fs.chmodSync(altered, 0o600);
    fs.writeFileSync(altered, 'tampered');
    expect((await a.call('checkAttachments', { reviewId: r.id })).map((p) => [p.originalName, p.state])).toEqual([
      ['a.txt', 'missing'],
      ['b.txt', 'altered'],
    ]);
    expect((await a.failure('readAttachment', { attachmentId: bravo!.id })).message).toMatch(/"b.txt" is altered/);
  });
});

describe('the evidence matrix', () => {
  it('counts linked evidence and tagged passages per KLOE and source, flags thin rows, and drills into a cell', async () => {
    const a = app();
    const detail = await review(a);
    const themes = detail.framework.filter((i) => i.kind === 'theme');
    const [winter, market] = [themes.find((t) => t.code === 'T3')!, themes.find((t) => t.code === 'T4')!];
    const occ = detail.organisations.find((o) => o.shortName === 'OCC')!;
    const e1 = await a.call('addEvidence', {
      reviewId: detail.review.id,
      kind: 'document',
      title: 'Winter plan',
      sourceOrganisationId: occ.id,
      links: [{ kloeId: winter.id, stance: 'strength', weight: 'key' }],
    });
    await a.call('addEvidence', {
      reviewId: detail.review.id,
      kind: 'data',
      title: 'Winter DTOC',
      links: [
        { kloeId: winter.id, stance: 'concern' },
        { kloeId: market.id, stance: 'concern' },
      ],
    });
    const session = await a.call('createSession', { reviewId: detail.review.id, kind: 'interview', title: 'Carers', participants: [{ designation: 'Carer', group: 'carer' }] });
    const t = newId();
    await a.call('createTag', {
      sessionId: session.session.id,
      doc: {
        type: 'doc',
        content: [{ type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: 'Winter was hard', marks: [{ type: 'tag', attrs: { tagId: t } }] }] }],
      },
      tag: { id: t, kloeIds: [winter.id], stance: 'concern' },
    });

    const byGroup = await a.call('getEvidenceMatrix', { reviewId: detail.review.id, columns: 'group' });
    const winterRow = byGroup.rows.find((r) => r.kloeId === winter.id)!;
    expect(winterRow.total).toEqual({ count: 3, strength: 1, concern: 2, neutral: 0 });
    expect(winterRow.cells.carer).toEqual({ count: 1, strength: 0, concern: 1, neutral: 0 });
    expect(winterRow.cells.evidence).toEqual({ count: 2, strength: 1, concern: 1, neutral: 0 });
    expect(winterRow.flags).toEqual([]);
    expect(byGroup.rows.find((r) => r.kloeId === market.id)?.flags).toEqual(['single_source', 'one_stance']);
    expect(byGroup.rows.find((r) => r.code === 'T1')?.flags).toEqual(['no_evidence']);

    const byKind = await a.call('getEvidenceMatrix', { reviewId: detail.review.id, columns: 'kind' });
    expect(Object.keys(byKind.rows.find((r) => r.kloeId === winter.id)!.cells).sort()).toEqual(['data', 'document', 'passage']);
    const byOrg = await a.call('getEvidenceMatrix', { reviewId: detail.review.id, columns: 'organisation' });
    expect(byOrg.rows.find((r) => r.kloeId === winter.id)!.cells[occ.id]?.count).toBe(1);

    const cell = await a.call('getMatrixCell', { reviewId: detail.review.id, kloeId: winter.id, columns: 'organisation', key: occ.id });
    expect(cell.evidence.map((e) => e.code)).toEqual([e1.code]);
    const whole = await a.call('getMatrixCell', { reviewId: detail.review.id, kloeId: winter.id, columns: 'group', key: null });
    expect([whole.evidence.length, whole.passages.map((p) => p.tag.quote)]).toEqual([2, ['Winter was hard']]);
  });
});

describe('SAF scores', () => {
  it('scores statements with rationale and citations, rolls up per key question and overall, and clears', async () => {
    const a = app();
    const detail = await review(a, 'saf_provider');
    const safe = detail.framework.filter((i) => i.kind === 'quality_statement' && i.code.startsWith('SAFE.'));
    const evidence = await a.call('addEvidence', { reviewId: detail.review.id, kind: 'observation', title: 'Ward visit' });
    await a.call('setScore', { statementId: safe[0]!.id, score: 3, rationale: 'Learning from incidents is shared', citedEvidenceIds: [evidence.id] });
    await a.call('setScore', { statementId: safe[1]!.id, score: 2 });
    let scores = await a.call('setScore', { statementId: safe[2]!.id, score: 4 });
    const safeGroup = scores.groups.find((g) => g.code === 'SAFE')!;
    expect(safeGroup.rollUp).toMatchObject({ scored: 3, unscored: 5, total: 9, maximum: 12, percentage: 75, band: 'good' });
    expect(scores.overall).toMatchObject({ scored: 3, unscored: 31, percentage: 75 });
    expect(scores.groups.find((g) => g.code === 'EFF')?.rollUp.percentage).toBeNull();
    expect(scores.statements.find((s) => s.statementId === safe[0]!.id)).toMatchObject({
      score: 3,
      rationale: 'Learning from incidents is shared',
      citedEvidenceIds: [evidence.id],
    });
    // The screen shows what is cited by code and title; an item removed since is marked, not hidden.
    expect(scores.statements.find((s) => s.statementId === safe[0]!.id)?.cited).toEqual([{ id: evidence.id, code: 'E001', title: 'Ward visit', removed: false }]);
    await a.call('removeEvidence', { evidenceId: evidence.id });
    expect((await a.call('getScores', { reviewId: detail.review.id })).statements.find((s) => s.statementId === safe[0]!.id)?.cited).toEqual([
      { id: evidence.id, code: 'E001', title: 'Ward visit', removed: true },
    ]);
    scores = await a.call('setScore', { statementId: safe[2]!.id, score: null });
    expect(scores.groups.find((g) => g.code === 'SAFE')?.rollUp).toMatchObject({ scored: 2, total: 5, maximum: 8, percentage: 63 });
    expect((await a.failure('setScore', { statementId: safe[0]!.id, score: 5 })).message).toMatch(/Scores are 1 to 4/);
    const progress = await review(a);
    expect((await a.failure('getScores', { reviewId: progress.review.id })).message).toMatch(/Single Assessment Framework/);
  });
});

describe('one search across notes and evidence', () => {
  it('finds evidence by title, summary and attachment text, and filters by kind and KLOE', async () => {
    const a = app();
    const detail = await review(a);
    const winter = detail.framework.find((i) => i.code === 'T3')!;
    await a.call('addEvidence', {
      reviewId: detail.review.id,
      kind: 'document',
      title: 'Escalation framework',
      attachments: [{ name: 'opel.txt', dataBase64: b64('OPEL levels trigger escalation calls across partners during winter surges.') }],
      links: [{ kloeId: winter.id }],
    });
    const session = await a.call('createSession', { reviewId: detail.review.id, kind: 'interview', title: 'Director' });
    await a.call('saveNotes', {
      sessionId: session.session.id,
      doc: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'The director described winter escalation.' }] }] },
    });
    const both = await a.call('searchAll', { reviewId: detail.review.id, query: 'escalation' });
    expect(both.map((h) => h.kind).sort()).toEqual(['evidence', 'note']);
    const surges = await a.call('searchAll', { reviewId: detail.review.id, query: 'surge' });
    expect(surges.map((h) => h.title)).toEqual(['E001 Escalation framework']);
    expect((await a.call('searchAll', { reviewId: detail.review.id, query: 'escalation', kinds: ['note'] })).map((h) => h.kind)).toEqual(['note']);
    expect((await a.call('searchAll', { reviewId: detail.review.id, query: 'escalation', kloeId: winter.id })).map((h) => h.kind)).toEqual(['evidence']);
  });

  it('finds text inside PDF and Word attachments', async () => {
    const a = app();
    const detail = await review(a);
    const fixtures = path.resolve(__dirname, '../fixtures');
    await a.call('addEvidence', {
      reviewId: detail.review.id,
      kind: 'document',
      title: 'Protocols',
      attachments: [
        { name: 'escalation-protocol.pdf', dataBase64: fs.readFileSync(path.join(fixtures, 'escalation-protocol.pdf')).toString('base64') },
        { name: 'carers.docx', dataBase64: fs.readFileSync(path.join(fixtures, 'notes', 'Carers focus group.docx')).toString('base64') },
      ],
    });
    await textExtractionDone(); // Word and PDF text is read in the background after adding
    expect((await a.call('searchAll', { reviewId: detail.review.id, query: 'surges', kinds: ['evidence'] })).map((h) => h.title)).toEqual(['E001 Protocols']);
    expect((await a.call('searchAll', { reviewId: detail.review.id, query: 'respite', kinds: ['evidence'] })).map((h) => h.title)).toEqual(['E001 Protocols']);
  });
});
