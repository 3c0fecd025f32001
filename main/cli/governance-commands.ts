import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for records management: the audit trail, retention, deletion. */
export const GOVERNANCE_COMMANDS: Command[] = [
  {
    name: 'audit-log',
    summary: "A review's audit trail: who did what, when and on which laptop (--verify checks the hash chain)",
    usage: `fieldbook audit-log REVIEW [--verify] [--db PATH] [--json]
  With --verify the whole chain is checked: an entry removed or altered is reported and the exit
  code is 1.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { verify: { type: 'boolean', default: false } });
      const reviewId = await runtime.reviewId(positionals[0]);
      const trail = await runtime.call('getAuditTrail', { reviewId });
      const verification = trail.verification;
      runtime.print(values.verify ? { entries: trail.entries, verification } : trail.entries, () =>
        [
          ...trail.entries.map((e) => `${String(e.seq).padStart(6)} ${e.at} ${e.personName} (${e.device.slice(0, 8)}) ${e.action} ${e.method}${e.target ? ` ${e.target}` : ''}`),
          ...(values.verify
            ? [
                verification.ok ? `Verified: the chain of ${verification.entries} entries is intact.` : `The audit trail has been tampered with:`,
                ...verification.problems.map((p) => `  entry ${p.seq}: ${p.problem}`),
              ]
            : []),
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
      const result = await runtime.call('setRetention', { reviewId, retentionUntil: date === 'none' ? null : date });
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
      const reviews = await runtime.call('listReviews', { includeArchived: true });
      const title = reviews.find((r) => r.id === reviewId)?.title ?? '';
      if (!values.yes) throw invalid(`This deletes "${title}" and everything in it for good. Run again with --yes to confirm.`);
      const report = await runtime.call('deleteReview', { reviewId, confirmTitle: title, purgeBackups: values['purge-backups'] });
      runtime.print(report, () => report.message);
    },
  },
];
