import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../main/platform/context';
import { buildReport, writeReportFiles } from '../../main/services/report/export';
import { measure, type Result } from './bench-measure';

const control = { progress: () => undefined, cancelled: () => false };

/**
 * The full report of the scale-L review as DOCX (every finding, 8 charts, an evidence index of
 * 5,000 rows), and pandoc converting the same report from Markdown to DOCX for comparison.
 */
export async function reportBenchmarks(context: AppContext, reviewId: string): Promise<{ results: Result[]; pandoc: string }> {
  const results: Result[] = [];
  let size = 0;
  results.push(
    await measure(
      'report: full DOCX export (findings, 8 charts, 5,000-row evidence index)',
      3,
      async () => {
        const report = await buildReport(context, { reviewId, format: 'docx', allowNames: 'all' }, control);
        if (report.blocked) throw new Error('report bench: blocked by the names check');
        size = report.bytes.length;
      },
      { stat: 'median', ms: 5000 },
    ),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-report-bench-'));
  const markdown = await buildReport(context, { reviewId, format: 'md', allowNames: 'all' }, control);
  if (markdown.blocked) throw new Error('report bench: blocked by the names check');
  const md = path.join(dir, 'report.md');
  writeReportFiles(md, markdown);
  const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (pandoc.error) return { results, pandoc: `pandoc is not installed here: no comparison (DOCX ${Math.round(size / 1024)} KB)` };
  const timed = await measure('pandoc: the same report from Markdown to DOCX (for comparison)', 3, () => {
    const started = performance.now();
    const run = spawnSync('pandoc', [md, '-o', path.join(dir, 'pandoc.docx'), '--resource-path', dir], { encoding: 'utf8', cwd: dir });
    if (run.status !== 0) throw new Error(`pandoc failed: ${run.stderr}`);
    return performance.now() - started;
  });
  results.push(timed);
  const ours = results[0]?.medianMs ?? 0;
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    results,
    pandoc: `${pandoc.stdout.split('\n')[0] ?? 'pandoc'}: ${timed.medianMs} ms vs Fieldbook ${ours} ms (ratio ${(ours / timed.medianMs).toFixed(2)}; Fieldbook also draws the 8 charts and runs the names check). DOCX ${Math.round(size / 1024)} KB`,
  };
}
