import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';
import { readImportFile } from './import-file';
import { writeFileAtomically } from '../store/files';

const MAX_BYTES = 5 * 1024 * 1024;

function utf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw invalid(`${file}: is not UTF-8 text (save it as UTF-8).`);
  }
}

/** CLI commands for frameworks as files: list them, import one, write one out. */
export const FRAMEWORK_COMMANDS: Command[] = [
  {
    name: 'frameworks',
    summary: 'List the frameworks a review can start from (shipped and imported)',
    usage: `fieldbook frameworks [--db PATH] [--json]
  --json gives id, name, version, status, published, source, origin and item count of each.`,
    run: async (args, runtime) => {
      parse(args, {});
      const frameworks = await runtime.call('listFrameworks', {});
      runtime.print(frameworks, () =>
        frameworks
          .map((f) => `${f.id}@${f.version}  ${f.name}${f.status === 'draft' ? ' (DRAFT)' : ''}  ${f.itemCount} items, ${f.origin}${f.source ? `\n    source: ${f.source}` : ''}`)
          .join('\n'),
      );
    },
  },
  {
    name: 'framework import',
    summary: 'Import a framework file (JSON, or a CSV/XLSX sheet of items); refused whole, by line',
    usage: `fieldbook framework import FILE.json [--db PATH] [--json]
fieldbook framework import FILE.csv|FILE.xlsx --id ID --name NAME --version N --review-kind KIND [--review-kind KIND]
    --provenance TEXT [--status draft|final] [--published YYYY-MM-DD] [--source TEXT] [--db PATH] [--json]
  A JSON file is format 1 (docs/framework-format.md). A sheet has one row per item with the
  columns kind, code, parent (the code of an item on an earlier row; empty at the top), title,
  and optionally description, ours (yes/no; yes when empty), outstanding, good, requires
  improvement, inadequate, source; what it cannot say is given by the options.
  Any problem is named by line and field; nothing is kept and the exit code is 1.`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, {
        id: { type: 'string' },
        name: { type: 'string' },
        version: { type: 'string' },
        status: { type: 'string' },
        published: { type: 'string' },
        source: { type: 'string' },
        provenance: { type: 'string' },
        'review-kind': { type: 'string', multiple: true, default: [] },
      });
      const file = positionals[0];
      const bytes = readImportFile(file, MAX_BYTES, 'a framework file');
      const fileName = path.basename(file ?? '');
      const sheet = /\.(csv|xlsx)$/i.test(fileName);
      const summary = sheet
        ? await runtime.call('importFrameworkSheet', {
            fileName,
            dataBase64: bytes.toString('base64'),
            meta: {
              id: values.id ?? '',
              name: values.name ?? '',
              version: Number(values.version ?? NaN),
              ...(values.status ? { status: values.status as 'draft' } : {}),
              ...(values.published ? { published: values.published } : {}),
              ...(values.source ? { source: values.source } : {}),
              reviewKinds: values['review-kind'] as Array<'saf_provider'>,
              provenance: values.provenance ?? '',
            },
          })
        : await runtime.call('importFramework', { fileName, text: utf8(file ?? '', bytes) });
      runtime.print(summary, () => `Imported ${summary.id}@${summary.version}: ${summary.name}${summary.status === 'draft' ? ' (DRAFT)' : ''}, ${summary.itemCount} items.`);
    },
  },
  {
    name: 'framework export',
    summary: 'Write a framework out as a file of format 1',
    usage: `fieldbook framework export ID[@VERSION] --out FILE.json [--db PATH] [--json]`,
    run: async (args, runtime) => {
      const { positionals, values } = parse(args, { out: { type: 'string' } });
      if (!positionals[0]) throw invalid('Name the framework to export (see fieldbook frameworks).');
      if (!values.out) throw invalid('--out FILE.json is required: the file to write.');
      if (fs.existsSync(values.out) && fs.statSync(values.out).isDirectory()) throw invalid(`--out ${values.out} is a folder: give a file name.`);
      const file = await runtime.call('exportFramework', { frameworkId: positionals[0] });
      writeFileAtomically(values.out, Buffer.from(file.text));
      runtime.print({ written: [values.out] }, () => values.out ?? '');
    },
  },
];
