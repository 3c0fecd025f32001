import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import type { BundleInspection, ConflictView, MergeSummary, TeamKeyView } from '../../shared/exchange/contract';
import { FieldbookError, invalid } from '../../shared/errors';
import { askHidden } from './passphrase';
import type { CliRuntime } from './runtime';
import { writeFileAtomically } from '../store/files';
import { parse } from './args';
import type { Command } from './commands';

export function describeMerge(summary: MergeSummary): string {
  const { totals } = summary;
  const lines = [
    `${summary.committed ? 'Merged' : 'Would merge'} ${summary.from.length === 1 ? 'a bundle' : `${summary.from.length} bundles`} into "${summary.reviewTitle}"${summary.newReview ? ' (new on this laptop)' : ''}:`,
    ...summary.from.map(
      (from) =>
        `  ${from.fileName}: from ${from.person} (${from.device}, made ${from.createdAt.slice(0, 16).replace('T', ' ')}${from.sincePeer ? `, changes since the last bundle for ${from.sincePeer}` : ''}); ${describeSigner(from.signer, from.fingerprint)}`,
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

export function describeSigner(status: MergeSummary['from'][number]['signer'], fingerprint: string | null): string {
  switch (status) {
    case 'this laptop':
      return 'signed by this laptop';
    case 'pinned':
      return `signed by their laptop's pinned key (${fingerprint})`;
    case 'new':
      return `signed by a laptop new to this review: fingerprint ${fingerprint}; compare it with them before trusting it`;
    case 'changed':
      return `signed with a CHANGED key (${fingerprint}), not the one pinned for that laptop: check with them`;
    case 'unprotected':
      return 'an old-format bundle: NOT encrypted or signed, so anyone could have written or read it';
  }
}

/**
 * The team key for a bundle command: from FIELDBOOK_TEAM_KEY, else asked at a terminal (hidden),
 * never from an argument (which shells keep and other users can see in the process list).
 */
async function typedTeamKey(question: string): Promise<string | undefined> {
  const fromEnv = process.env.FIELDBOOK_TEAM_KEY;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return undefined;
  return (await askHidden(question)) || undefined;
}

const needsKey = (error: unknown) => error instanceof FieldbookError && error.issues.some((issue) => issue.field === 'teamKey');

/** Runs a call that may need the team key: asks for it at a terminal when the stored keys do not do. */
async function withTeamKey<T>(runtime: CliRuntime, run: (teamKey: string | undefined) => Promise<T>): Promise<T> {
  const fromEnv = process.env.FIELDBOOK_TEAM_KEY || undefined;
  try {
    return await run(fromEnv);
  } catch (error) {
    if (!needsKey(error) || fromEnv || !process.stdin.isTTY) {
      if (needsKey(error) && !fromEnv) throw invalid(`${(error as Error).message} Set FIELDBOOK_TEAM_KEY, or run at a terminal to be asked.`);
      throw error;
    }
    runtime.info((error as Error).message);
    return run(await typedTeamKey('Team key or passphrase: '));
  }
}

function describeTeamKey(view: TeamKeyView): string {
  return [
    view.code ? `Team key: ${view.code}` : 'No team key yet: one is made by the first bundle export (or set one with `fieldbook team key set`).',
    view.olderKeys > 0 ? `  ${view.olderKeys} older key${view.olderKeys === 1 ? '' : 's'} still open older bundles here.` : null,
    `This laptop's fingerprint: ${view.thisLaptop.fingerprint}`,
    view.signers.length > 0 ? 'Teammates pinned:' : 'No teammate pinned yet.',
    ...view.signers.map((signer) => `  ${signer.person} (${signer.device}): ${signer.fingerprint}`),
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function describeInspection(found: BundleInspection): string {
  const lines = [
    `${found.fileName}: bundle format ${found.formatVersion}, ${found.sealed ? 'sealed (encrypted and signed)' : 'NOT sealed (an old-format bundle anyone could read or change)'}`,
    found.reviewId ? `  review ${found.reviewId}` : null,
  ];
  if (found.manifest) {
    const { manifest } = found;
    lines.push(
      `  "${manifest.reviewTitle}" from ${manifest.person} on ${manifest.device}, made ${manifest.createdAt.slice(0, 16).replace('T', ' ')}${manifest.sincePeer ? `, changes since the last bundle for ${manifest.sincePeer}` : ''}`,
      `  ${manifest.counts.versions} record versions, ${manifest.counts.people} people, ${manifest.counts.attachments} attachment files${manifest.sizes ? ` (records ${kb(manifest.sizes.records)}, attachments ${kb(manifest.sizes.attachments)})` : ''}`,
    );
  }
  if (found.signer) lines.push(`  ${describeSigner(found.signer.status, found.signer.fingerprint)}`);
  if (found.problem) lines.push(`  ${found.problem}`);
  return lines.filter((line) => line !== null).join('\n');
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

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
  --since-peer takes a teammate's name (or laptop name) whose bundle has been imported here.
  The bundle is sealed with the review's team key and signed by this laptop. A review without a
  team key gets one, printed once: pass it to teammates in person or by phone. To use a key a
  teammate gave you instead, set FIELDBOOK_TEAM_KEY (its code, or the team's passphrase).`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { out: { type: 'string' }, 'since-peer': { type: 'string' } });
      const reviewId = await runtime.reviewId(positionals[0]);
      if (!values.out) throw invalid('--out FILE is required: where to write the bundle.');
      if (fs.existsSync(values.out) && fs.statSync(values.out).isDirectory()) throw invalid(`--out ${values.out} is a folder: give a file name.`);
      const fromEnv = process.env.FIELDBOOK_TEAM_KEY;
      if (fromEnv) await runtime.call('setTeamKey', { reviewId, teamKey: fromEnv });
      const result = await runtime.call('exportBundle', { reviewId, sincePeer: values['since-peer'] ?? null });
      writeFileAtomically(values.out, Buffer.from(result.dataBase64, 'base64'));
      if (result.newTeamCode)
        runtime.info(
          `This review had no team key, so one was made:\n  ${result.newTeamCode}\nGive it to each teammate in person or by phone, never with the bundle. They type it once, when they first import. See it again with: fieldbook team key show REVIEW`,
        );
      runtime.print(
        { file: path.resolve(values.out), versions: result.versions, attachments: result.attachments, bytes: result.bytes, newTeamCode: result.newTeamCode },
        () => `${values.out}: ${result.versions} record versions, ${result.attachments} attachment files, ${(result.bytes / 1024).toFixed(0)} KB.`,
      );
    },
  },
  {
    name: 'bundle import',
    summary: "Merge teammates' bundles (prints what they add, change and leave in conflict)",
    usage: `fieldbook bundle import FILE [FILE…] [--trust FINGERPRINT]… [--accept-unprotected] [--yes] [--db PATH] [--json]
  Several bundles of one review are merged together, in one transaction after one backup.
  The first bundle of a review needs its team key: set FIELDBOOK_TEAM_KEY (the code, or the
  team's passphrase) or run at a terminal to be asked; it is kept for that review afterwards.
  A bundle signed by a laptop this review has not seen before (or by a changed key) is merged
  only with --trust and its fingerprint, compared with the teammate by phone; at a terminal you
  are asked. An old-format bundle (neither encrypted nor signed) needs --accept-unprotected.
  Without --yes, an import that would delete more than 20 % of the review's records
  is refused (exit 1), and at a terminal you are asked before anything is merged. A damaged,
  altered or newer-format bundle, or one the team key does not open, is refused (exit 1) and
  nothing is imported.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, {
        yes: { type: 'boolean', default: false },
        trust: { type: 'string', multiple: true },
        'accept-unprotected': { type: 'boolean', default: false },
      });
      if (positionals.length === 0) throw invalid('Name the bundle file to import.');
      for (const file of positionals) if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid(`${file}: no such file.`);
      const files = positionals.map((file) => ({ fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') }));
      const trustSigners = values.trust ?? [];
      if (!values.yes && process.stdin.isTTY && !runtime.json) {
        let teamKey: string | undefined;
        const preview = await withTeamKey(runtime, (key) => {
          teamKey = key;
          return runtime.call('previewBundle', { files, teamKey: key, trustSigners });
        });
        runtime.info(describeMerge(preview));
        const unknown = preview.from.filter((from) => (from.signer === 'new' || from.signer === 'changed') && from.fingerprint);
        const question =
          unknown.length > 0 ? `Trust ${unknown.map((from) => `${from.person}'s laptop (${from.fingerprint})`).join(' and ')} and merge? [y/N] ` : 'Merge it? [y/N] ';
        if (!(await confirm(question))) {
          runtime.info('Nothing was imported.');
          runtime.exitCode = 1;
          return;
        }
        const trusted = [...trustSigners, ...unknown.map((from) => from.fingerprint as string)];
        const merged = await runtime.call('mergeBundle', { files, teamKey, trustSigners: trusted, acceptUnprotected: true, confirmDeletions: preview.needsConfirmation });
        runtime.print(merged, () => describeMerge(merged));
        return;
      }
      const merged = await withTeamKey(runtime, (teamKey) =>
        runtime.call('mergeBundle', { files, teamKey, trustSigners, acceptUnprotected: values['accept-unprotected'], confirmDeletions: values.yes }),
      );
      runtime.print(merged, () => describeMerge(merged));
    },
  },
  {
    name: 'bundle inspect',
    summary: 'What a bundle says about itself (review, author, laptop, time, sizes, signer) without importing it',
    usage: `fieldbook bundle inspect FILE [--db PATH] [--json]
  A sealed bundle shows only its format and review until the review's team key opens it: the one
  kept on this laptop, or FIELDBOOK_TEAM_KEY.`,
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const file = positionals[0];
      if (!file) throw invalid('Name the bundle file to inspect.');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid(`${file}: no such file.`);
      const found = await runtime.call('inspectBundle', {
        file: { fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') },
        teamKey: process.env.FIELDBOOK_TEAM_KEY || undefined,
      });
      runtime.print(found, () => describeInspection(found));
    },
  },
  {
    name: 'team key show',
    summary: "A review's team key (to read out to a teammate), this laptop's fingerprint and the pinned teammates",
    usage: 'fieldbook team key show REVIEW [--db PATH] [--json]',
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const view = await runtime.call('getTeamKey', { reviewId: await runtime.reviewId(positionals[0]) });
      runtime.print(view, () => describeTeamKey(view));
    },
  },
  {
    name: 'team key set',
    summary: 'Use the team key a teammate gave you (or the passphrase the team agreed) for a review',
    usage: `fieldbook team key set REVIEW [--db PATH] [--json]
  The key comes from FIELDBOOK_TEAM_KEY or is asked for at a terminal, never from an argument.`,
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const reviewId = await runtime.reviewId(positionals[0]);
      const teamKey = await typedTeamKey('Team key or passphrase: ');
      if (!teamKey) throw invalid('Set FIELDBOOK_TEAM_KEY to the team key (or passphrase), or run at a terminal to be asked.');
      const view = await runtime.call('setTeamKey', { reviewId, teamKey });
      runtime.print(view, () => describeTeamKey(view));
    },
  },
  {
    name: 'team key rotate',
    summary: 'Make a new team key for a review (older keys still open older bundles here)',
    usage: `fieldbook team key rotate REVIEW [--db PATH] [--json]
  Bundles exported afterwards need the new key: read it out to every teammate.`,
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const view = await runtime.call('rotateTeamKey', { reviewId: await runtime.reviewId(positionals[0]) });
      runtime.print(view, () => describeTeamKey(view));
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
