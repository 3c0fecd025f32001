import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { AppContext } from '../../main/platform/context';
import { startPreviewServer } from '../../main/preview/server';
import { buildReport, writeReportFiles } from '../../main/services/report/export';
import { generateReview } from '../../main/services/sample-data/generate';
import { Store } from '../../main/store/store';
import { call } from './scale';
import { measure, type Result } from './bench-measure';

const control = { progress: () => undefined, cancelled: () => false };
const CLI = path.resolve('bin', 'fieldbook.cjs');
const RUNS = 5;

/**
 * The report as a writer gets it (issue 21): a DOCX export of the generated scale-S and scale-L
 * reviews timed from the click to the download in Chromium against the preview server, and from
 * the command line (less the CLI's own start-up: the same command that only opens the database),
 * side by side with pandoc turning the same report, as Markdown with its charts, into DOCX.
 */
export async function reportBenchmarks(dir: string, rendererDir: string): Promise<{ results: Result[]; lines: string[] }> {
  const results: Result[] = [];
  const lines: string[] = [];
  for (const scale of ['S', 'L'] as const) {
    const databasePath = path.join(dir, `report-${scale}.sqlite`);
    const store = Store.open(databasePath, {});
    const { reviewId } = await generateReview(store, scale);
    const context = new AppContext(store);
    await call(context, 'updateIdentity', { displayName: 'Bench Reviewer', role: 'reviewer' });
    const bound = scale === 'S' ? 700 : 2500;
    if (scale === 'L')
      results.push(
        await measure('report: DOCX export in-process, scale L (findings, 8 charts, 5,000-row evidence index)', 3, async () => {
          const report = await buildReport(context, { reviewId, format: 'docx', allowNames: 'all', include: 'drafts' }, control);
          if (report.blocked) throw new Error('report bench: blocked');
        }),
      );
    const pandocMs = await pandocTime(context, reviewId, dir, scale);
    const markdown = await buildReport(context, { reviewId, format: 'md', allowNames: 'all', include: 'drafts' }, control);
    context.close();

    const out = path.join(dir, `cli-${scale}.docx`);
    const cli = (args: string[]) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, [CLI, '--db', databasePath, ...args], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`fieldbook ${args.join(' ')} failed: ${run.stderr}`);
      return performance.now() - started;
    };
    // Start-up and export alternate, so both meet the same machine.
    const startup: number[] = [];
    const exports: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      startup.push(cli(['reviews', '--json']));
      exports.push(cli(['export', reviewId, '--out', out, '--allow-names', '--include', 'drafts']));
    }
    const beyond = exports.map((ms, i) => ms - (startup[i] ?? 0));
    results.push(await fromFigures(`report: CLI start-up (fieldbook reviews, scale ${scale})`, startup));
    results.push(await fromFigures(`report: CLI DOCX export beyond start-up, scale ${scale}`, beyond, bound));
    results.push(await fromFigures(`report: Chromium click to download, DOCX, scale ${scale}`, await clickToDownload(databasePath, reviewId, rendererDir), bound));
    if (pandocMs.length) {
      const pandoc = await fromFigures(`pandoc: the same report from Markdown to DOCX, scale ${scale}`, pandocMs);
      results.push(pandoc);
      const ours = results.at(-3)?.medianMs ?? 0;
      lines.push(`Scale ${scale}: Fieldbook CLI ${ours} ms beyond start-up vs pandoc ${pandoc.medianMs} ms (ratio ${(ours / pandoc.medianMs).toFixed(2)}, bound 0.70)`);
    } else lines.push(`Scale ${scale}: pandoc is not installed here, no comparison`);
    if (!markdown.blocked) lines.push(`Scale ${scale}: DOCX ${Math.round(fs.statSync(out).size / 1024)} KB, Markdown ${Math.round(markdown.bytes.length / 1024)} KB`);
  }
  return { results, lines };
}

/** pandoc converting the report's Markdown (charts as files beside it) into DOCX, RUNS times. */
async function pandocTime(context: AppContext, reviewId: string, dir: string, scale: string): Promise<number[]> {
  if (spawnSync('pandoc', ['--version']).error) return [];
  const folder = path.join(dir, `pandoc-${scale}`);
  fs.mkdirSync(folder, { recursive: true });
  const md = path.join(folder, 'report.md');
  const markdown = await buildReport(context, { reviewId, format: 'md', allowNames: 'all', include: 'drafts' }, control, 'report');
  if (markdown.blocked) throw new Error('report bench: blocked');
  writeReportFiles(md, markdown);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const run = spawnSync('pandoc', [md, '-o', path.join(folder, 'pandoc.docx'), '--resource-path', folder], { encoding: 'utf8', cwd: folder });
    if (run.status !== 0) throw new Error(`pandoc failed: ${run.stderr}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** Results from figures measured elsewhere (the measure helper only sorts and summarises them). */
function fromFigures(name: string, values: number[], boundMs?: number): Promise<Result> {
  return measure(name, values.length, (run) => values[run] ?? 0, boundMs === undefined ? undefined : { stat: 'median', ms: boundMs });
}

/** Exports from the Findings tab's dialog RUNS times, timing each click to the download. */
async function clickToDownload(databasePath: string, reviewId: string, rendererDir: string): Promise<number[]> {
  const preview = await startPreviewServer({ databasePath, port: 0, staticDir: rendererDir, afterOpenDelayMs: 3_600_000 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const times: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    await page.goto(`${preview.url}#token=${preview.token}`);
    await page.evaluate((hash) => (window.location.hash = hash), `#/reviews/${reviewId}/overview`);
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page.getByRole('button', { name: 'Export report…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Export the report' });
    await dialog.getByRole('radio', { name: /^All findings/ }).check();
    await allowNamesOnce(page);
    for (let i = 0; i < RUNS; i += 1) {
      const downloading = page.waitForEvent('download', { timeout: 120_000 });
      const started = performance.now();
      await dialog.getByRole('button', { name: /^Export/ }).click();
      const download = await downloading;
      times.push(performance.now() - started);
      await download.delete();
      await dialog.getByText(/^Exported .*\.docx\.$/).waitFor();
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  return times;
}

/** A generated review may quote a name: allow each one found, once, before the timed runs. */
async function allowNamesOnce(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Export the report' });
  const downloading = page.waitForEvent('download', { timeout: 120_000 }).catch(() => null);
  await dialog.getByRole('button', { name: /^Export/ }).click();
  const outcome = await Promise.race([
    downloading.then(() => 'downloaded' as const),
    dialog
      .getByText(/The names check found/)
      .waitFor({ timeout: 120_000 })
      .then(() => 'names' as const),
  ]);
  if (outcome === 'names') {
    for (const box of await dialog.getByRole('checkbox').all()) await box.check();
    await dialog.getByRole('button', { name: 'Export with the allowed names' }).click();
    await downloading;
  }
  await dialog.getByText(/^Exported .*\.docx\.$/).waitFor({ timeout: 120_000 });
}
