import { FINDING_KIND_LABELS, FINDING_STATUS_LABELS } from '../../shared/findings/domain';
import { parse } from './args';
import type { Command } from './commands';

/** CLI commands for findings: list them by KLOE with their status. */
export const FINDINGS_COMMANDS: Command[] = [
  {
    name: 'findings',
    summary: 'Findings per KLOE or theme, with kind, priority, status and citations',
    usage: 'fieldbook findings REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const items = await runtime.call('listFindings', { reviewId });
      const rows = items.flatMap((item) =>
        item.findings.map((f) => ({
          kloe: item.code,
          kind: f.kind,
          priority: f.priority,
          status: f.status,
          text: f.text,
          citations: f.citations.map((c) => ({ kind: c.kind, label: c.label, id: c.targetId })),
        })),
      );
      runtime.print(
        rows,
        () =>
          items
            .filter((item) => item.findings.length > 0)
            .map((item) =>
              [
                `${item.code} ${item.title}`,
                ...item.findings.map(
                  (f) => `  [${FINDING_STATUS_LABELS[f.status]}] ${FINDING_KIND_LABELS[f.kind]}${f.priority ? ` (${f.priority})` : ''}: ${f.text.split('\n')[0] ?? ''}`,
                ),
              ].join('\n'),
            )
            .join('\n') || 'No findings yet.',
      );
    },
  },
];
