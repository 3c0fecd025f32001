import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { findNames } from '../../shared/report/names';
import { cli, tempDir, testApps } from '../helpers';
import { docxText, reportFixture } from '../report-fixture';

const app = testApps(afterEach);

async function fixture(options: { plantName?: boolean } = {}) {
  const a = app();
  const made = await reportFixture(a, options);
  const db = a.databasePath;
  a.close();
  return { ...made, db, dir: tempDir() };
}

describe('report export', () => {
  it('writes a DOCX with the structure, counts, figures and citations of the demo review', { timeout: 30_000 }, async () => {
    const { db, dir, winterPlan, dtoc } = await fixture();
    const out = path.join(dir, 'report.docx');
    const result = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'docx', '--out', out);
    expect(result).toMatchObject({ code: 0 });
    const text = docxText(out, PizZip);
    for (const heading of [
      'Summary of findings',
      'Background to the review',
      'How we carried out the review',
      'The people we spoke with',
      'Detailed findings',
      'System performance against key indicators',
      'System progress against the action plan',
      'What improvements have been made',
      'What improvements are still needed',
      'How relationships across the system are working',
      'Direction of travel',
      'Areas for future focus',
      'Appendix: evidence cited',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('Oxfordshire local system progress review');
    expect(text).toContain('6 November 2018 to 7 November 2018');
    expect(text).toContain('The review team comprised');
    // Six people in three sessions, by group: two frontline staff, two carers, one VCSE, one leader.
    expect(text).toContain('We spoke with 6 people in 3 interviews, focus groups and other sessions.');
    expect(text).toMatch(/Carer[^\n]*: 2/);
    // What we looked at: sessions and evidence in their own lists.
    expect(text).toMatch(/Interviews, focus groups and other sessions:\nInterview: \d+\n(?:[A-Z][a-z ]+: \d+\n)*Evidence logged:\n(?:[A-Z][A-Za-z ]+: \d+\n)*Document: \d+/);
    expect(text).toContain(`Partners agreed a single winter plan [${winterPlan.code}] and tested it in October.`);
    expect(text).toContain('Operational priorities');
    expect(text).toContain(`Delayed transfers rose again in July [${dtoc.code}]`);
    expect(text).toContain('Figure 5: Delayed transfers of care (18+)');
    expect(text).toContain('Reflections of system leaders');
    expect(text).toContain('Leaders said the review had given them a shared agenda.');
    expect(text).toContain('Figure 6: Emergency readmissions within 30 days (65+)');
    expect(text).toContain('12 people answered the relational audit'.replace('12', '6'));
    // The best and worst statements by their wording and score, not codes alone.
    // One statement per list item; the domain means as one sentence.
    expect(text).toMatch(/Statements scoring highest:\n[A-Z]{3}\d \u2018[^\u2019]+\u2019 \(\d\.\d\d\)\n[A-Z]{3}\d \u2018/);
    expect(text).toMatch(/Statements scoring lowest:\n[A-Z]{3}\d \u2018[^\u2019]+\u2019 \(\d\.\d\d\)/);
    expect(text).toMatch(/Mean scores by domain \(1 to 5\): Directness \d\.\d\d, Continuity \d\.\d\d, .* and Commonality \d\.\d\d\./);
    // The appendix lists cited evidence only (the observation is not cited).
    expect(text).toContain(winterPlan.code);
    expect(text).not.toContain('Daily board round');
    expect(text).not.toContain('Margaret Thornbury');
    expect(text).not.toMatch(/[{}]/); // every placeholder filled
    const zip = new PizZip(fs.readFileSync(out));
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/fieldbook-chart'))).toHaveLength(4); // 2 figures + heat map + bars
  });

  it('blocks export when the names check finds a planted name, and lets it through with --allow-names', { timeout: 30_000 }, async () => {
    const { db, dir } = await fixture({ plantName: true });
    const out = path.join(dir, 'report.html');
    const blocked = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'html', '--out', out);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain('Mrs Hollingsworth (a name in quoted words)');
    expect(fs.existsSync(out)).toBe(false);
    const allowed = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'html', '--out', out, '--allow-names');
    expect(allowed.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('Mrs Hollingsworth');
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('writes Markdown with its charts beside it', { timeout: 30_000 }, async () => {
    const { db, dir } = await fixture();
    const out = path.join(dir, 'report.md');
    expect((await cli('--db', db, 'export', 'Oxfordshire', '--out', out)).code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('## Summary of findings');
    expect(md).toContain('![Figure 5: Delayed transfers of care (18+)](report-charts/figure_DTOC18.png)');
    expect(
      fs
        .readFileSync(path.join(dir, 'report-charts', 'figure_DTOC18.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('refuses a template with an unknown placeholder or a broken loop, naming it, and runs no template code', { timeout: 30_000 }, async () => {
    const { db, dir } = await fixture();
    const base = fs.readFileSync(path.join(__dirname, '..', '..', 'resources', 'templates', 'progress-review.docx'));
    const variant = (name: string, edit: (xml: string) => string) => {
      const zip = new PizZip(base);
      zip.file('word/document.xml', edit(zip.file('word/document.xml')?.asText() ?? ''));
      const file = path.join(dir, name);
      fs.writeFileSync(file, zip.generate({ type: 'nodebuffer' }));
      return file;
    };
    const unknown = variant('unknown.docx', (xml) => xml.replace('{teamSentence}', '{teamSentense}'));
    const result = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'docx', '--out', path.join(dir, 'a.docx'), '--template', unknown);
    expect(result.code).toBe(1);
    expect(result.err).toContain('unknown placeholder {teamSentense}');
    expect(fs.existsSync(path.join(dir, 'a.docx'))).toBe(false);

    const broken = variant('broken.docx', (xml) => xml.replace('{/focus}', ''));
    const loop = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'docx', '--out', path.join(dir, 'b.docx'), '--template', broken);
    expect(loop.code).toBe(1);
    expect(loop.err).toMatch(/focus/);
    expect(loop.err).toMatch(/unclosed|not closed/i);

    // Expressions are not evaluated: the "code" is just an unknown name, and nothing runs.
    const injected = variant('injected.docx', (xml) => xml.replace('{teamSentence}', "{constructor.constructor('return process')().exit(7)}{__proto__}{constructor}"));
    const attempt = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'docx', '--out', path.join(dir, 'c.docx'), '--template', injected);
    expect(attempt.code).toBe(1);
    expect(attempt.err).toContain("unknown placeholder {constructor.constructor('return process')().exit(7)}");
    expect(attempt.err).toContain('unknown placeholder {constructor}');
    expect(attempt.err).toContain('unknown placeholder {__proto__}');
  });
});

describe('export jobs and PDF', () => {
  it('runs an export as a job with progress, and a cancelled job produces nothing', { timeout: 30_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const poll = async (jobId: string) => {
      for (;;) {
        const status = await a.call('getReportExportStatus', { jobId });
        if (status.state !== 'running') return status;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const done = await poll((await a.call('startReportExport', { reviewId, format: 'html' })).jobId);
    expect(done).toMatchObject({ state: 'done', progress: 1, result: { mediaType: 'text/html', fileName: 'Oxfordshire-local-system-progress-review.html' } });
    expect(Buffer.from(done.result?.dataBase64 ?? '', 'base64').toString()).toContain('Areas for future focus');
    const { jobId } = await a.call('startReportExport', { reviewId, format: 'docx' });
    expect(await a.call('cancelReportExport', { jobId })).toEqual({ cancelled: true });
    expect(await poll(jobId)).toMatchObject({ state: 'cancelled', result: null });
  });

  it("answers a waiting status question at the job's next change, not at the end of the wait", { timeout: 30_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const { jobId } = await a.call('startReportExport', { reviewId, format: 'md' });
    const asked = performance.now();
    const steps: string[] = [];
    let status = await a.call('getReportExportStatus', { jobId, waitMs: 5000 });
    for (; status.state === 'running'; status = await a.call('getReportExportStatus', { jobId, waitMs: 5000 })) steps.push(status.step);
    expect(status.state).toBe('done');
    // Every step was heard as it came: each answer came with a change, none waited out its 5 s.
    expect(steps.length).toBeGreaterThan(2);
    expect(new Set(steps).size).toBe(steps.length);
    expect(performance.now() - asked).toBeLessThan(5000);
    // Without waitMs it answers at once; a wait over 5 s is refused at the boundary.
    const other = (await a.call('startReportExport', { reviewId, format: 'md' })).jobId;
    expect((await a.call('getReportExportStatus', { jobId: other })).state).toBe('running');
    expect((await a.failure('getReportExportStatus', { jobId: other, waitMs: 60_000 })).message).toMatch(/waitMs/);
  });

  it('prints a PDF with headless Chromium', { timeout: 30_000 }, async () => {
    const { db, dir } = await fixture();
    const out = path.join(dir, 'report.pdf');
    const result = await cli('--db', db, 'export', 'Oxfordshire', '--format', 'pdf', '--out', out);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the names check', () => {
  it('finds recorded names in full or by surname, and names in quotes, but not organisations or ordinary words', () => {
    const found = findNames(
      [
        'Mr Thornbury was praised by staff.',
        'A manager said “We rely on Oxford Health and on Jane Doe every day.”',
        '“The Winter Planning Board met on Monday”',
        'Discharge was delayed',
      ],
      ['Margaret Thornbury'],
      ['Oxford Health NHS Foundation Trust', 'Winter Planning Board'],
      new Set(),
    );
    expect(found.map((f) => [f.name, f.kind])).toEqual([
      ['Thornbury', 'recorded'],
      ['Jane Doe', 'quoted'],
    ]);
    expect(findNames(['“Jane Doe”'], [], [], new Set(['jane doe']))).toEqual([]);
  });
});
