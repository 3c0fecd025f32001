import fs from 'node:fs';
import { AppContext } from '../../main/services/context';
import { encryptDatabase } from '../../main/store/encrypt';
import { unlockWithPassphrase } from '../../main/store/keys';
import { Store } from '../../main/store/store';
import { measure, type Result } from './bench-measure';
import { call } from './scale';

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
  for (const [label, path, options] of [['plain', databasePath, {}], ['encrypted', copy, { key }]] as const) {
    results.push(await measure(`open database, ${label} (integrity check, migrations, profile)`, 7, () => Store.open(path, { ...options, backupOnOpen: false }).close()));
    const context = new AppContext(Store.open(path, { ...options, backupOnOpen: false }));
    const queries = ['delays', 'weekend discharge', 'reabl', 'trusted assessor', 'dementia'];
    results.push(await measure(`search notes, ${label} (5 queries, top 50)`, 50, (run) => call(context, 'searchNotes', { reviewId, query: queries[run % queries.length] ?? 'delays', limit: 50 })));
    results.push(await measure(`evidence matrix, ${label}`, 15, () => call(context, 'evidenceMatrix', { reviewId, columns: 'group' })));
    context.close();
  }
  console.log(`Encrypting the scale-L database in place (${(fs.statSync(databasePath).size / 1024 / 1024).toFixed(0)} MB): ${encryptMs.toFixed(0)} ms; unlocking the key (scrypt N=2^16): ${unlockMs.toFixed(0)} ms`);
  return results;
}
