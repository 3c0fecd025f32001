import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseAudit } from '../../shared/relational-audit/analysis';
import { cli, tempDir } from '../helpers';

// BOM, CRLF, quoted commas and quotes, a comment over two lines, N/A, names by short or full
// name in any case, roles with underscores, and one bad row (line 11: score 7).
const CSV =
  '\uFEFFrespondent,organisation,role,about,statement,score,comment\r\n' +
  'r1,OCC,system leader,OUHFT,DIR1,4,\r\n' +
  'r1,OCC,system_leader,OUHFT,DIR3,2,"Decisions reach us late, often after the fact"\r\n' +
  'r2,Oxfordshire County Council,frontline,ouhft,DIR1,5,\r\n' +
  'r2,OCC,Frontline,OUHFT,DIR3,N/A,\r\n' +
  'r3,OCC,other,OUHFT,DIR1,3,"Two lines\r\nof comment"\r\n' +
  'r3,OCC,other,OUHFT,DIR3,1,\r\n' +
  'r4,OUHFT,system leader,OCC,DIR1,2,"They said ""slow"", and meant it"\r\n' +
  'r4,OUHFT,system leader,OCC,DIR3,4,\r\n' +
  'r5,OCC,frontline,OUHFT,DIR2,7,\r\n';

async function setup() {
  const dir = tempDir();
  const db = path.join(dir, 'audit.sqlite');
  await cli('--db', db, 'demo');
  const file = path.join(dir, 'answers.csv');
  fs.writeFileSync(file, CSV);
  return { db, file, dir };
}

describe('relational audit CSV import', () => {
  it('refuses a file with a bad row, naming its line, and imports nothing', async () => {
    const { db, file } = await setup();
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/nothing imported: 1 of 9 rows are invalid/);
    expect(result.out).toMatch(/answers.csv:11: score 7 outside 1–5/);
    expect(JSON.parse((await cli('--db', db, 'audit', 'summary', 'Oxfordshire', '--json')).out)).toMatchObject({ respondents: 0, answers: 0 });
  });

  it('imports the valid rows with --skip-invalid, and a second import changes nothing', async () => {
    const { db, file } = await setup();
    const first = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file, '--skip-invalid', '--json');
    expect(first.code).toBe(1); // the skipped row is still reported
    expect(JSON.parse(first.out)).toMatchObject({ imported: true, rows: 9, respondentsAdded: 4, answersAdded: 8, answersUpdated: 0, invalid: [{ line: 11 }] });
    const second = JSON.parse((await cli('--db', db, 'import', 'audit', 'Oxfordshire', file, '--skip-invalid', '--json')).out);
    expect(second).toMatchObject({ respondentsAdded: 0, answersAdded: 0, answersUpdated: 0, unchanged: 8 });
  });

  it('lists every reason a row is wrong', async () => {
    const { db, dir } = await setup();
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'Statement,Score,Respondent,Organisation,Role,About\nABC9,x,,Nowhere,chief,OCC\nDIR1,3,r1,OCC,other,OCC\nDIR1,4,r1,OCC,other,OCC\n');
    const result = await cli('--db', db, 'import', 'audit', 'Oxfordshire', file);
    expect(result.out).toMatch(
      /bad.csv:2: missing respondent; unknown organisation "Nowhere"; unknown role "chief" \(use system leader, frontline or other\); unknown statement "ABC9"; score "x" is not a whole number/,
    );
    expect(result.out).toMatch(/bad.csv:4: repeats the answer on line 3/);
    const missing = path.join(dir, 'missing-columns.csv');
    fs.writeFileSync(missing, 'respondent,score\nr1,3\n');
    expect(await cli('--db', db, 'import', 'audit', 'Oxfordshire', missing)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/lacks the columns organisation, role, about, statement/),
    });
  });
});

describe('relational audit analysis (hand-computed)', () => {
  it('reverse-scores, averages answered scores to 2 decimals and suppresses thin cells', async () => {
    const { db, file } = await setup();
    await cli('--db', db, 'import', 'audit', 'Oxfordshire', file, '--skip-invalid');
    const summary = JSON.parse((await cli('--db', db, 'audit', 'summary', 'Oxfordshire', '--json')).out) as {
      respondents: number;
      answers: number;
      byRole: Array<{ role: string; respondents: number }>;
      domains: Array<{ domain: string; mean: number | null; n: number }>;
      statements: Array<{ code: string; mean: number | null; n: number }>;
      matrix: Array<{ from: string; to: string; domain: string; mean: number | null; n: number; suppressed: boolean }>;
    };
    expect(summary).toMatchObject({ respondents: 4, answers: 7 });
    expect(summary.byRole).toEqual([
      { role: 'frontline', respondents: 1 },
      { role: 'other', respondents: 1 },
      { role: 'system_leader', respondents: 2 },
    ]);
    // Directness: DIR1 4,5,3,2 and DIR3 reversed 6−2=4, 6−1=5, 6−4=2 (N/A left out): 25/7 = 3.571…
    expect(summary.domains.find((d) => d.domain === 'directness')).toEqual({ domain: 'directness', mean: 3.57, n: 7 });
    expect(summary.domains.find((d) => d.domain === 'parity')).toEqual({ domain: 'parity', mean: null, n: 0 });
    expect(summary.statements.find((s) => s.code === 'DIR1')).toEqual({ code: 'DIR1', mean: 3.5, n: 4 });
    expect(summary.statements.find((s) => s.code === 'DIR3')).toEqual({ code: 'DIR3', mean: 3.67, n: 3 });
    // OCC → OUHFT: 4, 4, 5, 3, 5 from three respondents = 4.2; OUHFT → OCC has one respondent: suppressed.
    expect(summary.matrix).toContainEqual({ from: 'OCC', to: 'OUHFT', domain: 'directness', mean: 4.2, n: 5, suppressed: false });
    expect(summary.matrix).toContainEqual({ from: 'OCC', to: 'OUHFT', domain: 'all', mean: 4.2, n: 5, suppressed: false });
    expect(summary.matrix).toContainEqual({ from: 'OUHFT', to: 'OCC', domain: 'directness', mean: null, n: 2, suppressed: true });
  });

  it('leaves retired statements out and honours the suppression threshold', () => {
    const statements = [
      { id: 's1', code: 'COM1', domain: 'commonality' as const, reversed: false, retired: false },
      { id: 's2', code: 'COM2', domain: 'commonality' as const, reversed: false, retired: true },
    ];
    const respondents = [
      { id: 'a', organisation: 'OCC', role: 'frontline' as const },
      { id: 'b', organisation: 'OCC', role: 'frontline' as const },
    ];
    const answers = [
      ['a', 's1', 'SCAS', 5],
      ['b', 's1', 'SCAS', 2],
      ['a', 's2', 'SCAS', 1],
    ] as const;
    const comments = [
      ['b', 's1', 'SCAS', 'Slow handovers'],
      ['a', 's2', 'SCAS', 'Retired statement'],
    ] as const;
    const organisations = new Map([
      ['OCC', 'OCC'],
      ['SCAS', 'SCAS'],
    ]);
    const two = analyseAudit({ statements, organisations, respondents, answers, comments, minRespondents: 2 });
    expect(two.domains.find((d) => d.domain === 'commonality')).toEqual({ domain: 'commonality', mean: 3.5, n: 2 });
    expect(two.matrix.find((m) => m.domain === 'all')).toMatchObject({ mean: 3.5, suppressed: false, respondents: 2 });
    expect(two.statements.map((s) => s.code)).toEqual(['COM1']);
    expect(two.statements[0]?.distribution).toEqual([0, 1, 0, 0, 1]);
    expect(two.comments).toEqual([{ domain: 'commonality', about: 'SCAS', organisation: 'OCC', text: 'Slow handovers' }]);
    const three = analyseAudit({ statements, organisations, respondents, answers, comments, minRespondents: 3 });
    expect(three.matrix.find((m) => m.domain === 'all')).toMatchObject({ mean: null, suppressed: true });
  });

  it('ships a questionnaire with three statements per domain and reverse-scored ones', async () => {
    const { db } = await setup();
    const statements = JSON.parse((await cli('--db', db, 'audit', 'questionnaire', 'Oxfordshire', '--json')).out) as Array<{ code: string; reversed: boolean }>;
    for (const code of ['DIR1', 'DIR2', 'DIR3', 'CON1', 'CON2', 'CON3', 'MUL1', 'MUL2', 'MUL3', 'PAR1', 'PAR2', 'PAR3', 'COM1', 'COM2', 'COM3'])
      expect(statements.map((s) => s.code)).toContain(code);
    expect(statements.filter((s) => s.reversed).length).toBeGreaterThanOrEqual(5);
  });
});

describe('editing the questionnaire in a review', () => {
  it('adds, rewords, reverses and retires statements; retired ones leave the analysis; the threshold is a review setting', async () => {
    const { TestApp } = await import('../helpers');
    const a = new TestApp();
    const demo = await a.call('createDemoReview', {});
    const reviewId = demo.review.id;
    let statements = await a.call('addAuditStatement', { reviewId, domain: 'parity', text: 'Budgets are pooled fairly.' });
    const added = statements.find((s) => s.code === 'PAR6');
    expect(added).toMatchObject({ domain: 'parity', text: 'Budgets are pooled fairly.', reversed: false, retired: false });
    statements = await a.call('updateAuditStatement', { statementId: added!.id, text: 'Pooled budgets are shared fairly.', reversed: true });
    expect(statements.find((s) => s.code === 'PAR6')).toMatchObject({ text: 'Pooled budgets are shared fairly.', reversed: true });

    const [occ, scas] = ['OCC', 'SCAS'].map((short) => demo.organisations.find((o) => o.shortName === short)!.id);
    const dir1 = statements.find((s) => s.code === 'DIR1')!;
    await a.call('saveAuditRespondent', {
      reviewId,
      identifier: 'A',
      organisationId: occ!,
      role: 'frontline',
      answers: [
        { statementId: dir1.id, aboutOrganisationId: scas!, score: 2 },
        { statementId: added!.id, aboutOrganisationId: scas!, score: 5 },
      ],
    });
    // PAR6 is reversed: 6 − 5 = 1. Parity mean 1, then the statement is retired and parity has nothing.
    expect((await a.call('getAuditSummary', { reviewId })).domains.find((d) => d.domain === 'parity')).toMatchObject({ mean: 1, n: 1 });
    await a.call('updateAuditStatement', { statementId: added!.id, retired: true });
    expect((await a.call('getAuditSummary', { reviewId })).domains.find((d) => d.domain === 'parity')).toMatchObject({ mean: null, n: 0 });
    statements = await a.call('addAuditStatement', { reviewId, domain: 'parity', text: 'Another' });
    expect(statements.map((s) => s.code)).toContain('PAR7'); // PAR6 stays taken though retired

    expect((await a.call('getAuditSummary', { reviewId })).matrix.find((m) => m.domain === 'all')).toMatchObject({ suppressed: true });
    await a.call('setAuditThreshold', { reviewId, minRespondents: 1 });
    expect((await a.call('getAuditSummary', { reviewId })).matrix.find((m) => m.domain === 'all')).toMatchObject({ suppressed: false, mean: 2 });
    expect((await a.failure('saveAuditRespondent', { reviewId, identifier: 'A', organisationId: scas!, role: 'frontline', answers: [] })).message).toMatch(
      /already recorded with another organisation/,
    );
    a.close();
  });
});

describe('audit charts', () => {
  it('draws the heat map and domain bars as SVG and PNG with the shipped font', async () => {
    const { TestApp } = await import('../helpers');
    const a = new TestApp();
    const demo = await a.call('createDemoReview', {});
    const reviewId = demo.review.id;
    const { db, file } = await setup(); // the CSV fixture, imported here through the API
    void db;
    await a.call('importAuditCsv', { reviewId, text: fs.readFileSync(file, 'utf8'), skipInvalid: true });
    const svg = await a.call('getAuditCharts', { reviewId });
    expect(svg.mediaType).toBe('image/svg+xml');
    expect(svg.heatMap).toMatch(/^<svg/);
    for (const text of ['OCC', 'OUHFT', '4.20', 'n&lt;3']) expect(svg.heatMap).toContain(text);
    expect(svg.domainBars).toContain('Directness');
    const png = await a.call('getAuditCharts', { reviewId, format: 'png', domain: 'directness' });
    const bytes = Buffer.from(png.heatMap, 'base64');
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.readUInt32BE(16)).toBe(1280); // PNG width from the IHDR chunk
    a.close();
  });
});

describe('the questionnaire copy on several laptops', () => {
  it('gives each copied statement an id derived from the review and its code, so every laptop makes the same rows', async () => {
    const { TestApp } = await import('../helpers');
    const { stableId } = await import('../../shared/ids');
    const a = new TestApp();
    const reviewId = (await a.call('createDemoReview', {})).review.id;
    const statements = await a.call('getAuditQuestionnaire', { reviewId });
    expect(statements.find((s) => s.code === 'DIR1')?.id).toBe(stableId(`${reviewId}/audit-statement/DIR1`));
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    a.close();
  });
});
