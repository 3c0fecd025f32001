import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../../shared/errors';
import { writeFileAtomically } from '../store/files';

/**
 * Writes charts as NAME.svg and NAME.png into the --out folder, for commands that export the
 * report's figures. `charts(format)` returns [name, content] pairs; PNG content is base64.
 */
export async function writeChartFiles(out: string | undefined, charts: (format: 'svg' | 'png') => Promise<ReadonlyArray<readonly [string, string]>>): Promise<string[]> {
  if (!out) throw invalid('--out FOLDER is required: where to write the chart files.');
  if (!fs.existsSync(out) || !fs.statSync(out).isDirectory()) throw invalid(`--out ${out} is not a folder.`);
  const written: string[] = [];
  for (const format of ['svg', 'png'] as const) {
    for (const [name, content] of await charts(format)) {
      const file = path.join(out, `${name}.${format}`);
      writeFileAtomically(file, format === 'png' ? Buffer.from(content, 'base64') : content);
      written.push(file);
    }
  }
  return written;
}
