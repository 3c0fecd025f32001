// `npm run test:mutation`: Stryker over the modules that guard people's data and the record
// (stryker.config.json lists them), then the mutation score of each module on its own. Fails when
// any module is under 80 %: a plausible bug that no test catches means a test is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const THRESHOLD = 80;
const report = path.join(root, 'test-results', 'mutation', 'mutation.json');
fs.rmSync(report, { force: true });

const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
// Every file the runs leave behind goes in one scratch folder, removed at the end whatever happens:
// thousands of test runs must not fill the disk.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-mutation-'));
let run;
try {
  run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: scratch } });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (!fs.existsSync(report)) {
  console.error('Stryker wrote no report: see its output above.');
  process.exit(run.status || 1);
}

const { files } = JSON.parse(fs.readFileSync(report, 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
let failed = false;
console.log(`\nMutation score per module (detected / valid mutants; at least ${THRESHOLD} %):`);
for (const [file, data] of Object.entries(files)) {
  const valid = data.mutants.filter((m) => VALID.has(m.status));
  const detected = valid.filter((m) => DETECTED.has(m.status)).length;
  const score = valid.length === 0 ? 100 : (100 * detected) / valid.length;
  const ok = score >= THRESHOLD;
  failed ||= !ok;
  console.log(
    `  ${ok ? 'ok  ' : 'LOW '} ${score.toFixed(1).padStart(5)} %  ${String(detected).padStart(4)} / ${String(valid.length).padEnd(4)} ${path.relative(root, path.resolve(root, file))}`,
  );
}
process.exit(failed ? 1 : 0);
