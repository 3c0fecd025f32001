// `npm test`: unit and component tests, then a production build of the UI and the Node bundles,
// then end-to-end tests in Debian's Chromium against the built preview server. Ends with one
// "N passed, N failed" line over everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`npm test needs Node 22+ (this is ${process.version}); run it through npm, which uses the project's own Node 22.`);
  process.exit(1);
}
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

function run(label, args) {
  console.log(`\n== ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  return result.status ?? 1;
}

function counts(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numTotalTestSuites === 0 ? 1 : 0) };
}

const vitestRun = (label, projects, json) =>
  run(label, [vitest, 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);

const unitJson = path.join(results, 'unit.json');
const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(unitJson, { force: true });
fs.rmSync(e2eJson, { force: true });

// Some unit tests run the built CLI as a separate process (a full disk in a mount namespace of its
// own): build the Node bundles from the sources first (a second or two).
const nodeBuild = run('Node bundles for the tests that run the CLI', [path.join(root, 'scripts', 'build.mjs'), '--node', '--quiet']);
let status = nodeBuild !== 0 ? nodeBuild : vitestRun('unit and component tests', ['unit', 'component'], unitJson);
const build = run('production build', [path.join(root, 'scripts', 'build.mjs'), '--quiet']);
if (build !== 0) status = build;
else status = vitestRun('end-to-end tests (Chromium against the preview server)', ['e2e'], e2eJson) || status;

const unit = counts(unitJson);
const e2e = build === 0 ? counts(e2eJson) : { passed: 0, failed: 0 };
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
console.log(`\nScreenshots: ${path.relative(root, path.join(results, 'screenshots'))}/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
