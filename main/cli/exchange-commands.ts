import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import type { ConflictView, MergeSummary } from '../../shared/exchange/contract';
import { invalid } from '../../shared/errors';
import { writeFileAtomically } from '../store/files';
import { parse } from './args';
import type { Command } from './commands';

export function describeMerge(summary: MergeSummary): string {
  const { totals } = summary;
  const lines = [
    `${summary.committed ? 'Merged' : 'Would merge'} ${summary.from.length === 1 ? 'a bundle' : `${summary.from.length} bundles`} into "${summary.reviewTitle}"${summary.newReview ? ' (new on this laptop)' : ''}:`,
    ...summary.from.map(
      (from) =>
        `  ${from.fileName}: from ${from.person} (${from.device}, made ${from.createdAt.slice(0, 16).replace('T', ' ')}${from.sincePeer ? `, changes since the last bundle for ${from.sincePeer}` : ''})`,
    ),
    `  ${totals.added} added, ${totals.updated} updated, ${totals.deleted} deleted, ${totals.unchanged} already here, ${totals.conflicts} new conflict${totals.conflicts === 1 ? '' : 's'}; ${summary.attachments.added} attachment file${summary.attachments.added === 1 ? '' : 's'} added.`,
    ...summary.byType.map(
      (type) =>
        `  ${type.type.padEnd(24)} +${type.added} ~${type.updated} -${type.deleted}${type.conflicts ? `  ${type.conflicts} conflict${type.conflicts === 1 ? '' : 's'}` : ''}`,
    ),
    ...Object.entries(summary.byTeammate).map(([person, count]) => `  by ${person}: ${count} change${count === 1 ? '' : 's'}`),
  ];
  if (summary.needsConfirmation) lines.push(`  This deletes ${Math.round(summary.deletionShare * 100)} % of the review's records.`);
  if (summary.backup) lines.push(`  Backup taken first: ${summary.backup}`);
  if (totals.conflicts > 0) lines.push('  See them with: fieldbook conflicts REVIEW (or the Team tab).');
  return lines.join('\n');
}

function describeConflict(conflict: ConflictView): string {
  return [
    `${conflict.type} "${conflict.name}":`,
    ...conflict.fields.flatMap((field) => [
      `  ${field.field}:`,
      ...field.options.map((option, index) => `    [${index}] ${option.by} on ${option.device}, ${option.at.slice(0, 16).replace('T', ' ')}: ${option.text.slice(0, 200)}`),
    ]),
  ].join('\n');
}

async function confirm(question: string): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

/** CLI commands for team merge: bundles and conflicts. */
export const EXCHANGE_COMMANDS: Command[] = [
  {
    name: 'bundle export',
    summary: 'Write a review as a team bundle (everything, or what changed since the last bundle for a teammate)',
    usage: `fieldbook bundle export REVIEW --out FILE [--since-peer NAME] [--db PATH] [--json]
  --since-peer takes a teammate's name (or laptop name) whose bundle has been imported here.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { out: { type: 'string' }, 'since-peer': { type: 'string' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      if (!values.out) throw invalid('--out FILE is required: where to write the bundle.');
      if (fs.existsSync(values.out) && fs.statSync(values.out).isDirectory()) throw invalid(`--out ${values.out} is a folder: give a file name.`);
      const result = await runtime.call('exportBundle', { reviewId, sincePeer: values['since-peer'] ?? null });
      writeFileAtomically(values.out, Buffer.from(result.dataBase64, 'base64'));
      runtime.print(
        { file: path.resolve(values.out), versions: result.versions, attachments: result.attachments, bytes: result.bytes },
        () => `${values.out}: ${result.versions} record versions, ${result.attachments} attachment files, ${(result.bytes / 1024).toFixed(0)} KB.`,
      );
    },
  },
  {
    name: 'bundle import',
    summary: "Merge teammates' bundles (prints what they add, change and leave in conflict)",
    usage: `fieldbook bundle import FILE [FILE…] [--yes] [--db PATH] [--json]
  Several bundles of one review are merged together, in one transaction after one backup.
  Without --yes, an import that would delete more than 20 % of the review's records is refused
  (exit 1), and at a terminal you are asked before anything is merged. A damaged, altered or
  newer-format bundle is refused (exit 1) and nothing is imported.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { yes: { type: 'boolean', default: false } });
      if (positionals.length === 0) throw invalid('Name the bundle file to import.');
      for (const file of positionals) if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid(`${file}: no such file.`);
      const request = { files: positionals.map((file) => ({ fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') })) };
      if (!values.yes && process.stdin.isTTY && !runtime.json) {
        const preview = await runtime.call('previewBundle', request);
        runtime.info(describeMerge(preview));
        if (!(await confirm('Merge it? [y/N] '))) {
          runtime.info('Nothing was imported.');
          runtime.exitCode = 1;
          return;
        }
        const merged = await runtime.call('mergeBundle', { ...request, confirmDeletions: preview.needsConfirmation });
        runtime.print(merged, () => describeMerge(merged));
        return;
      }
      const merged = await runtime.call('mergeBundle', { ...request, confirmDeletions: values.yes });
      runtime.print(merged, () => describeMerge(merged));
    },
  },
  {
    name: 'conflicts',
    summary: 'Records changed differently on two laptops, with every version (--json for all fields)',
    usage: 'fieldbook conflicts REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const { conflicts } = await runtime.call('listConflicts', { reviewId });
      runtime.print(conflicts, () => (conflicts.length === 0 ? 'No conflicts.' : conflicts.map(describeConflict).join('\n')));
    },
  },
];
