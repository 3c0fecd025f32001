// Runs Doyensec's electronegativity over the Electron glue and fails on any finding that is not
// triaged in electronegativity.json (check and file, with the reason). The tool tries the
// network for translations and Electron's release list; offline it says so and carries on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'electronegativity.json'), 'utf8'));
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-electronegativity-'));
const sarif = path.join(scratch, 'results.sarif');
try {
  const tool = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const run = spawnSync(process.execPath, [tool, '-i', path.join(root, config.input), '-r', '-v', 'false', '-e', electronVersion, '-o', sarif], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (!fs.existsSync(sarif)) {
    console.error(`electronegativity did not run (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  const results = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs.flatMap((r) => r.results ?? []);
  const findings = results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? '';
    return { check: result.ruleId, file: uri.startsWith('file:') ? '*' : path.basename(uri), line: location?.region?.startLine ?? 0 };
  });
  const triaged = (finding) => config.triaged.some((t) => t.check === finding.check && (t.file === '*' || t.file === finding.file));
  const fresh = findings.filter((finding) => !triaged(finding));
  const stale = config.triaged.filter((t) => !findings.some((f) => f.check === t.check && (t.file === '*' || t.file === f.file)));
  for (const t of stale) console.warn(`electronegativity: triaged ${t.check} in ${t.file} no longer occurs; remove it from electronegativity.json`);
  if (fresh.length > 0) {
    console.error('electronegativity found what nobody has triaged:');
    for (const f of fresh) console.error(`  ${f.check}  ${config.input}/${f.file}:${f.line}`);
    console.error('Fix it, or record in electronegativity.json why it is not a problem.');
    process.exit(1);
  }
  console.log(`electronegativity: ${findings.length} finding(s), all triaged (${config.input}, Electron ${electronVersion})`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
