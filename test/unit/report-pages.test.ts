import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/services/report/export';
import { generateReview } from '../../main/services/sample-data/generate';
import { reportFixture } from '../report-fixture';
import { tempDir, testApps } from '../helpers';

/**
 * The report read the way a writer reads it: the DOCX turned into pages by LibreOffice, each page
 * into text (pdftotext) and a picture (pdftoppm). A page less than a third used must be one that
 * begins a section (sections start on a new page); a page holding only the tail of the one
 * before (the five domain bullets that once sat alone on a page) fails. `.ci/run` installs
 * LibreOffice and poppler-utils (Debian's libreoffice-writer, poppler-utils).
 */
const app = testApps(afterEach);
const control = { progress: () => undefined, cancelled: () => false };
const SECTIONS = ['Summary of findings', 'Background to the review', 'Detailed findings', 'Direction of travel', 'Next steps', 'Appendix: evidence cited'];

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 170_000 });
  if (result.error) throw new Error(`${command} is needed for this test (apt-get install libreoffice-writer poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** How far down its body a page's ink reaches (0 to 1), from a greyscale picture of it. */
function inkDepth(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM picture');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  // The header line sits in the top 10 %, the footer in the bottom 12 %.
  const top = Math.round(height * 0.1);
  const bottom = Math.round(height * 0.88);
  let last = top;
  for (let y = top; y < bottom; y += 1) {
    const row = pixels.subarray(y * width, (y + 1) * width);
    if (row.some((v) => v < 200)) last = y;
  }
  return (last - top) / (bottom - top);
}

interface Page {
  number: number;
  firstLine: string;
  depth: number;
}

/** REPORT_PAGES_DIR=folder keeps each converted PDF there, to look at its pages. */
function pagesOf(docx: Buffer, name: string): Page[] {
  const dir = tempDir();
  const file = path.join(dir, 'report.docx');
  fs.writeFileSync(file, docx);
  // Its own profile folder: a LibreOffice already open elsewhere is not disturbed, nor waited for.
  run('libreoffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file]);
  const pdf = path.join(dir, 'report.pdf');
  if (process.env.REPORT_PAGES_DIR) fs.copyFileSync(pdf, path.join(process.env.REPORT_PAGES_DIR, `${name}.pdf`));
  const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
  run('pdftoppm', ['-gray', '-r', '24', pdf, path.join(dir, 'page')]);
  const pictures = fs
    .readdirSync(dir)
    .filter((f) => /^page-\d+\.pgm$/.test(f))
    .sort((x, y) => Number(/\d+/.exec(x)?.[0]) - Number(/\d+/.exec(y)?.[0]));
  expect(pictures).toHaveLength(count);
  return pictures.map((picture, i) => {
    const text = run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-']);
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('DRAFT:'));
    return { number: i + 1, firstLine: lines[0] ?? '', depth: inkDepth(fs.readFileSync(path.join(dir, picture))) };
  });
}

function expectNoStrandedTails(pages: Page[]): void {
  if (process.env.SHOW_PAGES) console.log(pages.map((p) => `${p.number} ${p.depth.toFixed(2)} ${p.firstLine}`).join('\n'));
  const stranded = pages.filter((p) => p.number > 1 && p.depth < 1 / 3 && !SECTIONS.includes(p.firstLine));
  expect(stranded.map((p) => `page ${p.number} (${Math.round(p.depth * 100)} % used) begins "${p.firstLine}"`)).toEqual([]);
}

describe('the report page by page', () => {
  it('the demo with its findings: about eight pages, none holding only a tail of the one before', { timeout: 180_000 }, async () => {
    const a = app();
    const { reviewId } = await reportFixture(a);
    const report = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all', include: 'drafts' }, control);
    if (report.blocked) throw new Error('blocked');
    const pages = pagesOf(report.bytes, 'demo');
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(12);
    expectNoStrandedTails(pages);
  });

  it('a generated scale-S review: about fifteen pages, none holding only a tail', { timeout: 180_000 }, async () => {
    const a = app();
    const { reviewId } = await generateReview(a.store, 'S');
    const report = await buildReport(a.context, { reviewId, format: 'docx', allowNames: 'all', include: 'drafts' }, control);
    if (report.blocked) throw new Error('blocked');
    const pages = pagesOf(report.bytes, 'scale-s');
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(pages.length).toBeLessThanOrEqual(18);
    expectNoStrandedTails(pages);
  });
});
