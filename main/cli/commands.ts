import { REVIEW_KIND_LABELS, REVIEW_KINDS, type ReviewKind } from '../../shared/reviews/domain';
import { guessSector } from '../../shared/reviews/sector-guess';
import { invalid } from '../../shared/errors';
import type { ReviewSummary, ReviewDetail } from '../../shared/api/contract';
import type { BackupInfo, DatabaseCheck } from '../../shared/protection/domain';
import { parse } from './args';
import { NOTES_COMMANDS } from './sessions-commands';
import { EVIDENCE_COMMANDS } from './evidence-commands';
import { AUDIT_COMMANDS } from './relational-audit-commands';
import { PROFILE_COMMANDS } from './data-profile-commands';
import { FINDINGS_COMMANDS } from './findings-commands';
import { RECORDS_COMMANDS } from './protection-commands';
import { TEAM_COMMANDS } from './exchange-commands';
import type { CliRuntime } from './runtime';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[], runtime: CliRuntime) => Promise<void>;
}

function kindFrom(raw: string | undefined): ReviewKind {
  const normalised = (raw ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  const kind = REVIEW_KINDS.find((k) => k === normalised);
  if (!kind) throw invalid(`--kind must be one of: ${REVIEW_KINDS.join(', ')}${raw ? ` (got "${raw}")` : ''}.`);
  return kind;
}

/** "Full name=SHORT": split on the last '=' so full names may themselves contain '='. */
function organisationFrom(raw: string) {
  const at = raw.lastIndexOf('=');
  if (at <= 0 || at === raw.length - 1) throw invalid(`--org "${raw}" must look like "Full name=SHORT", e.g. --org "Oxfordshire County Council=OCC".`);
  const name = raw.slice(0, at).trim();
  return { name, shortName: raw.slice(at + 1).trim(), sector: guessSector(name) };
}

const dates = (start: string | null, end: string | null) => (start ? `${start}${end && end !== start ? ` to ${end}` : ''}` : 'no visit dates');

export const COMMANDS: Command[] = [
  {
    name: 'demo',
    summary: 'Create the Oxfordshire progress review demo',
    usage: 'fieldbook demo [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      const detail = (await runtime.call('createDemoReview', {})) as ReviewDetail;
      runtime.print(detail, () => `Created demo review "${detail.review.title}" (${detail.review.id}) with ${detail.organisations.length} organisations, ${detail.team.length} team members and ${detail.framework.length} framework items.`);
    },
  },
  {
    name: 'review create',
    summary: 'Set up a new review; prints its id',
    usage: `fieldbook review create --title TITLE --kind KIND --area AREA [--start YYYY-MM-DD] [--end YYYY-MM-DD]
                       [--framework ID] [--org "Full name=SHORT"]... [--db PATH] [--json]
  KIND: ${REVIEW_KINDS.map((k) => `${k} (${REVIEW_KIND_LABELS[k]})`).join(', ')}`,
    run: async (args, runtime) => {
      const { values } = parse(args, {
        title: { type: 'string' },
        kind: { type: 'string' },
        area: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        framework: { type: 'string' },
        org: { type: 'string', multiple: true },
      });
      if (values.title === undefined) throw invalid('--title is required, e.g. --title "Oxfordshire progress review".');
      if (values.area === undefined) throw invalid('--area is required, e.g. --area Oxfordshire.');
      const detail = (await runtime.call('createReview', {
        title: values.title,
        kind: kindFrom(values.kind),
        area: values.area,
        visitStart: values.start ?? null,
        visitEnd: values.end ?? null,
        ...(values.framework ? { frameworkId: values.framework } : {}),
        organisations: (values.org ?? []).map(organisationFrom),
      })) as ReviewDetail;
      runtime.print(detail, () => detail.review.id);
    },
  },
  {
    name: 'reviews',
    summary: 'List reviews (--all includes archived ones)',
    usage: 'fieldbook reviews [--all] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { values } = parse(args, { all: { type: 'boolean', default: false } });
      const reviews = (await runtime.call('listReviews', { includeArchived: values.all })) as ReviewSummary[];
      runtime.print(reviews, () =>
        reviews.length === 0
          ? 'No reviews yet. Create one with "fieldbook review create" or try "fieldbook demo".'
          : reviews
              .map((r) => `${r.id}  ${r.title}${r.archived ? ' [archived]' : ''}\n    ${REVIEW_KIND_LABELS[r.kind]} · ${r.area} · ${dates(r.visitStart, r.visitEnd)} · organisations: ${r.organisations.join(', ') || 'none'} · ${r.frameworkItemCount} framework items`)
              .join('\n'),
      );
    },
  },
  {
    name: 'check',
    summary: 'Check the database integrity and backups',
    usage: 'fieldbook check [--db PATH] [--json]',
    run: async (args, runtime) => {
      parse(args, {});
      const check = (await runtime.call('checkDatabase', { full: true })) as DatabaseCheck;
      runtime.print(check, () => {
        const latest = check.backups[0];
        return [
          `Database: ${check.path} (schema ${check.schemaVersion})`,
          check.ok ? `Integrity: ok · ${check.reviewCount} reviews` : `Integrity: ${check.integrity.length} problems\n  ${check.integrity.slice(0, 10).join('\n  ')}`,
          `Backups: ${check.backups.length} in ${check.backupFolder}${latest ? ` · latest ${latest.createdAt} (${latest.reason})` : ''}`,
        ].join('\n');
      });
      if (!check.ok) runtime.exitCode = 1;
    },
  },
  {
    name: 'backups',
    summary: 'List backups; "backups create" takes one now; "backups restore FILE" restores one (default: the latest)',
    usage: 'fieldbook backups [create | restore [FILE]] [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const [action, file, ...rest] = positionals;
      if (rest.length > 0) throw invalid(`Unexpected argument "${rest[0]}". See fieldbook backups --help.`);
      if (action === undefined) {
        const backups = (await runtime.call('listBackups', {})) as BackupInfo[];
        runtime.print(backups, () =>
          backups.length === 0 ? 'No backups yet.' : backups.map((b) => `${b.fileName}  ${b.reason}  ${(b.bytes / 1024).toFixed(0)} KiB`).join('\n'),
        );
      } else if (action === 'create') {
        const info = (await runtime.call('backupNow', {})) as BackupInfo;
        runtime.print(info, () => `Backed up to ${info.fileName}`);
      } else if (action === 'restore') {
        const restored = runtime.restore(file);
        runtime.print(restored, () => `Restored ${restored.fileName}.${restored.keptAside ? ` The damaged database was kept as ${restored.keptAside}.` : ' The previous state was backed up first (reason "pre-restore").'}`);
      } else {
        throw invalid(`Unknown backups action "${action}". Use create or restore.`);
      }
    },
  },
];

COMMANDS.push(...NOTES_COMMANDS, ...EVIDENCE_COMMANDS, ...AUDIT_COMMANDS, ...PROFILE_COMMANDS, ...FINDINGS_COMMANDS, ...RECORDS_COMMANDS, ...TEAM_COMMANDS);

/** The command named by the leading words of argv (global options already removed). */
export function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  // Longest names first, so "review create" wins over a hypothetical "review".
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const parts = command.name.split(' ');
    if (parts.every((part, i) => argv[i] === part)) return { command, rest: argv.slice(parts.length) };
  }
  return null;
}
