import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../../main/platform/context';
import { startPreviewServer } from '../../main/preview/server';
import { integrityCheck } from '../../main/store/database';
import { Store } from '../../main/store/store';
import { call, generateScaleL, SCALE_L } from './scale';
import { notesBenchmarks } from './notes-bench';
import { measure } from './bench-measure';
import { mergeBenchmarks } from './merge-bench';
import { screenBenchmarks } from './screens-bench';
import { reportBenchmarks } from './report-bench';

/** The built UI the screen benchmarks load (`npm run bench` builds it first). */
const RENDERER = path.resolve('dist', 'renderer');

/**
 * `npm run bench`: foundation benchmarks on the generated scale-L data. Each is run several times
 * in one process and the median reported (machines here are noisy: compare within one run).
 */
type Result = Awaited<ReturnType<typeof measure>>;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-'));
  // `FIELDBOOK_BENCH=merge npm run bench` runs the team-merge benchmarks alone (about 3 minutes).
  if (process.env.FIELDBOOK_BENCH === 'merge') {
    report(await mergeBenchmarks(path.join(dir, 'team.sqlite')), []);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  // `FIELDBOOK_BENCH=screens npm run bench` runs the Chromium screen benchmarks alone.
  if (process.env.FIELDBOOK_BENCH === 'screens') {
    report(await screenBenchmarks(path.join(dir, 'screens.sqlite'), RENDERER), []);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  // `FIELDBOOK_BENCH=report npm run bench` runs the report export benchmarks alone (CLI, Chromium, pandoc).
  if (process.env.FIELDBOOK_BENCH === 'report') {
    const exports = await reportBenchmarks(dir, RENDERER);
    report(exports.results, []);
    for (const line of exports.lines) console.log(line);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const databasePath = path.join(dir, 'scale-l.sqlite');
  let context = new AppContext(Store.open(databasePath, {}));

  const generateStarted = performance.now();
  const largeId = await generateScaleL(context);
  const generateMs = performance.now() - generateStarted;
  const rows = ['reviews', 'team_members', 'organisations', 'framework_items'].map(
    (table) => `${table} ${(context.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n}`,
  );
  const large = await call(context, 'getReview', { reviewId: largeId });
  context.close();
  const bytes = fs.statSync(databasePath).size;

  const results: Result[] = [];
  results.push(
    await measure('open database (quick check, migrations, profile)', 15, () => {
      Store.open(databasePath, {}).close();
    }),
  );
  context = new AppContext(Store.open(databasePath, {}));
  results.push(await measure('integrity_check alone', 15, () => integrityCheck(context.store.db, databasePath)));
  results.push(await measure(`listReviews (${SCALE_L.reviews + 1} reviews)`, 30, () => call(context, 'listReviews', { includeArchived: true })));
  results.push(
    await measure(`getReview (scale-L review: ${large.framework.length} framework items, ${large.organisations.length} organisations)`, 30, () =>
      call(context, 'getReview', { reviewId: largeId }),
    ),
  );
  let n = 0;
  results.push(
    await measure('createReview (copies the 49-item LSR framework, 5 organisations)', 20, () =>
      call(context, 'createReview', {
        title: `Bench review ${n++}`,
        kind: 'local_system_review',
        area: 'Bench',
        organisations: Array.from({ length: 5 }, (_, o) => ({ name: `Bench org ${o}`, shortName: `B${o}` })),
      }),
    ),
  );
  results.push(
    await measure('addTeamMember to the scale-L review (one write, answer is the whole review)', 30, () =>
      call(context, 'addTeamMember', { reviewId: largeId, name: `Bench member ${n++}`, role: 'reviewer' }),
    ),
  );
  results.push(await measure('backup (VACUUM INTO) of the whole database', 7, () => context.store.backup('manual')));

  results.push(...(await notesBenchmarks(path.join(dir, 'scale-l-notes.sqlite'))));

  const preview = await startPreviewServer({ databasePath: path.join(dir, 'preview.sqlite'), port: 0, staticDir: dir });
  const created = await call(preview.context() as NonNullable<ReturnType<typeof preview.context>>, 'createDemoReview', {});
  const getOverHttp = async () => {
    const response = await fetch(`${preview.url}api/getReview`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${preview.token}` },
      body: JSON.stringify({ reviewId: created.review.id }),
    });
    await response.json();
  };
  results.push(await measure('preview HTTP round trip: getReview of the demo', 30, getOverHttp));
  await preview.close();
  context.close();
  results.push(...(await screenBenchmarks(path.join(dir, 'screens.sqlite'), RENDERER)));
  const exports = await reportBenchmarks(dir, RENDERER);
  results.push(...exports.results);
  for (const line of exports.lines) console.log(line);

  console.log(`Scale-L data: ${rows.join(', ')}; ${(bytes / 1024 / 1024).toFixed(1)} MiB; generated through the API in ${(generateMs / 1000).toFixed(1)} s`);
  report(results, rows, bytes);
  fs.rmSync(dir, { recursive: true, force: true });
}

function report(results: Result[], rows: string[], bytes = 0): void {
  console.log('');
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(width)}  median ms    p95 ms    max ms  runs  bound`);
  for (const r of results) {
    const bound = r.limit ? `${r.limit.stat} < ${r.limit.ms} ms ${r.limit.met ? 'ok' : 'MISSED'}` : '';
    console.log(
      `${r.name.padEnd(width)}  ${String(r.medianMs).padStart(9)} ${String(r.p95Ms).padStart(9)} ${String(r.maxMs).padStart(9)}  ${String(r.runs).padStart(4)}  ${bound}`,
    );
  }
  // A partial run (FIELDBOOK_BENCH) is printed only: latest.json holds whole runs.
  if (process.env.FIELDBOOK_BENCH) return;
  const out = path.resolve('test', 'bench', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows, bytes, results }, null, 2));
  console.log(`\nWritten to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
