import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../shared/errors';
import { parse } from './args';
import type { Command } from './commands';
import { readImportFile } from './import-file';
import { writeFileAtomically } from '../store/files';

const MAX_BYTES = 5 * 1024 * 1024;

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
    summary: 'Import a framework file (format 1, JSON); refused whole, by line and field',
    usage: `fieldbook framework import FILE.json [--db PATH] [--json]
  The file is checked whole (docs/framework-format.md); any problem is named by line and field,
  nothing is kept and the exit code is 1. A framework is known by its id and version.`,
    run: async (args, runtime) => {
      const { positionals } = parse(args, {});
      const file = positionals[0];
      const bytes = readImportFile(file, MAX_BYTES, 'a framework file');
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
      } catch {
        throw invalid(`${file ?? ''}: is not UTF-8 text (save it as UTF-8).`);
      }
      const summary = await runtime.call('importFramework', { fileName: path.basename(file ?? ''), text });
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
