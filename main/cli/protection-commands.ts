import { invalid } from '../../shared/errors';
import { encryptDatabase } from '../store/encrypt';
import { changePassphrase, checkPassphrase, isEncrypted, unlockWithPassphrase } from '../store/keys';
import { parse } from './args';
import { passphraseFrom } from './passphrase';
import type { Command } from './commands';

interface TrailAnswer {
  entries: Array<{ seq: number; at: string; personName: string; device: string; action: string; method: string; reviewId: string | null; target: string | null; hash: string }>;
  verification: { ok: boolean; entries: number; problems: Array<{ seq: number; problem: string }> };
}

async function newPassphrase(): Promise<string> {
  const first = await passphraseFrom('FIELDBOOK_NEW_PASSPHRASE', 'New passphrase: ');
  checkPassphrase(first);
  if (!process.env.FIELDBOOK_NEW_PASSPHRASE && (await passphraseFrom('FIELDBOOK_NEW_PASSPHRASE', 'The same again: ')) !== first) throw invalid('The two passphrases differ. Nothing was changed.');
  return first;
}

/** CLI commands for records management: encryption, the audit trail, retention, deletion. */
export const RECORDS_COMMANDS: Command[] = [
  {
    name: 'encrypt',
    summary: 'Encrypt an existing database, its backups and attachments (passphrase from FIELDBOOK_NEW_PASSPHRASE or asked)',
    usage: `fieldbook encrypt [--db PATH] [--json]
  A verified encrypted copy is made first and kept as a pre-encryption backup. The recovery key is
  printed once: keep it somewhere safe, apart from the laptop. Close the app first.`,
    run: async (args, runtime) => {
      parse(args, {});
      if (isEncrypted(runtime.databasePath)) throw invalid(`${runtime.databasePath} is already encrypted. Change its passphrase with: fieldbook rekey`);
      const passphrase = await newPassphrase();
      const result = encryptDatabase(runtime.databasePath, passphrase);
      runtime.print(result, () =>
        [
          `${runtime.databasePath} is encrypted (${result.backups} older backups and ${result.attachments} attachment files too).`,
          '',
          `Recovery key (shown once; it opens the database if the passphrase is lost): ${result.recovery}`,
        ].join('\n'),
      );
    },
  },
  {
    name: 'rekey',
    summary: "Change an encrypted database's passphrase (current from FIELDBOOK_PASSPHRASE, new from FIELDBOOK_NEW_PASSPHRASE, or asked)",
    usage: 'fieldbook rekey [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      if (!isEncrypted(runtime.databasePath)) throw invalid(`${runtime.databasePath} is not encrypted. Encrypt it with: fieldbook encrypt`);
      const key = unlockWithPassphrase(runtime.databasePath, await passphraseFrom('FIELDBOOK_PASSPHRASE', 'Current passphrase (or recovery key): '));
      changePassphrase(runtime.databasePath, key, await newPassphrase());
      runtime.print({ changed: true }, () => 'Passphrase changed. The recovery key still works.');
    },
  },
  {
    name: 'audit-log',
    summary: "A review's audit trail: who did what, when and on which laptop (--verify checks the hash chain)",
    usage: `fieldbook audit-log REVIEW [--verify] [--db PATH] [--json]
  With --verify the whole chain is checked: an entry removed or altered is reported and the exit
  code is 1.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { verify: { type: 'boolean', default: false } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const trail = (await runtime.call('auditTrail', { reviewId })) as TrailAnswer;
      const verification = trail.verification;
      runtime.print(values.verify ? { entries: trail.entries, verification } : trail.entries, () =>
        [
          ...trail.entries.map((e) => `${String(e.seq).padStart(6)} ${e.at} ${e.personName} (${e.device.slice(0, 8)}) ${e.action} ${e.method}${e.target ? ` ${e.target}` : ''}`),
          ...(values.verify ? [verification.ok ? `Verified: the chain of ${verification.entries} entries is intact.` : `The audit trail has been tampered with:`, ...verification.problems.map((p) => `  entry ${p.seq}: ${p.problem}`)] : []),
        ].join('\n'),
      );
      if (values.verify && !verification.ok) runtime.exitCode = 1;
    },
  },
  {
    name: 'retention',
    summary: "Set (or clear with 'none') the date a review's retention ends",
    usage: 'fieldbook retention REVIEW YYYY-MM-DD|none [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const date = positionals[1];
      if (!date) throw invalid('Give the date retention ends (YYYY-MM-DD), or none.');
      const result = (await runtime.call('setRetention', { reviewId, retentionUntil: date === 'none' ? null : date })) as { retentionUntil: string | null };
      runtime.print(result, () => (result.retentionUntil ? `Retention ends on ${result.retentionUntil}.` : 'No retention date set.'));
    },
  },
  {
    name: 'delete',
    summary: 'Delete a review for real: records, attachments and search entries (needs --yes)',
    usage: `fieldbook delete REVIEW --yes [--purge-backups] [--db PATH] [--json]
  --purge-backups also removes the backups taken before (after taking a fresh one without it).`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { yes: { type: 'boolean', default: false }, 'purge-backups': { type: 'boolean', default: false } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const reviews = (await runtime.call('listReviews', { includeArchived: true })) as Array<{ id: string; title: string }>;
      const title = reviews.find((r) => r.id === reviewId)?.title ?? '';
      if (!values.yes) throw invalid(`This deletes "${title}" and everything in it for good. Run again with --yes to confirm.`);
      const report = (await runtime.call('deleteReview', { reviewId, confirmTitle: title, purgeBackups: values['purge-backups'] })) as { message: string };
      runtime.print(report, () => report.message);
    },
  },
];
