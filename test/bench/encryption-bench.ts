import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppContext } from '../../main/platform/context';
import { encryptDatabase } from '../../main/store/encrypt';
import { unlockWithPassphrase } from '../../main/store/keys';
import { Store } from '../../main/store/store';
import { measure, type Result } from './bench-measure';
import { call } from './scale';

const CLI = path.resolve('bin', 'fieldbook.cjs');

/**
 * What encryption costs: the scale-L database opened, searched and summarised in the evidence
 * matrix, as it is and as an encrypted copy (the key unwrapped once, as the app does at unlock).
 */
export async function encryptionBenchmarks(databasePath: string, reviewId: string): Promise<Result[]> {
  const copy = `${databasePath}.encrypted.sqlite`;
  fs.copyFileSync(databasePath, copy);
  const passphrase = 'benchmark passphrase';
  const started = performance.now();
  encryptDatabase(copy, passphrase);
  const encryptMs = performance.now() - started;
  const unlockStarted = performance.now();
  const key = unlockWithPassphrase(copy, passphrase);
  const unlockMs = performance.now() - unlockStarted;
  const results: Result[] = [];
  for (const [label, path, options] of [
    ['plain', databasePath, {}],
    ['encrypted', copy, { key }],
  ] as const) {
    // Issue 16: open in under a second at any size (the full check and the backup come after the first screen).
    results.push(await measure(`open database, ${label} (quick check, migrations, profile)`, 7, () => Store.open(path, { ...options }).close(), { stat: 'median', ms: 1000 }));
    const context = new AppContext(Store.open(path, { ...options }));
    results.push(await measure(`full integrity check, ${label} (daily, after the first screen)`, 3, () => context.store.fullCheck()));
    // The whole CLI: process start, unlock (scrypt) when encrypted, open, answer; against the CLI with no database.
    const cli = (args: string[]) => () => {
      const started = performance.now();
      const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, FIELDBOOK_PASSPHRASE: passphrase }, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`fieldbook ${args.join(' ')} failed: ${run.stderr}`);
      return performance.now() - started;
    };
    results.push(await measure(`CLI \`fieldbook reviews\`, ${label} (process start to answer)`, 5, cli(['--db', path, 'reviews', '--json'])));
    const queries = ['delays', 'weekend discharge', 'reabl', 'trusted assessor', 'dementia'];
    results.push(
      await measure(`search notes, ${label} (5 queries, top 50)`, 50, (run) =>
        call(context, 'searchNotes', { reviewId, query: queries[run % queries.length] ?? 'delays', limit: 50 }),
      ),
    );
    results.push(await measure(`evidence matrix, ${label}`, 15, () => call(context, 'getEvidenceMatrix', { reviewId, columns: 'group' })));
    context.close();
  }
  results.push(
    await measure('CLI `fieldbook --help` (the floor: process start, no database)', 5, () => {
      const started = performance.now();
      spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
      return performance.now() - started;
    }),
  );
  console.log(
    `Encrypting the scale-L database in place (${(fs.statSync(databasePath).size / 1024 / 1024).toFixed(0)} MB): ${encryptMs.toFixed(0)} ms; unlocking the key (scrypt N=2^16): ${unlockMs.toFixed(0)} ms`,
  );
  return results;
}
