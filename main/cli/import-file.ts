import fs from 'node:fs';
import { invalid } from '../../shared/errors';
import { tooLarge } from '../../shared/limits';

/** Reads a file to import, refusing one over `maxBytes` before reading a byte of it. */
export function readImportFile(file: string | undefined, maxBytes: number, what: string): Buffer {
  if (!file) throw invalid('Name the file to import.');
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw invalid(`${file}: is a folder.`);
    const problem = tooLarge(file, stat.size, maxBytes, what);
    if (problem) throw invalid(problem);
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'invalid_input') throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message}.`);
  }
}

/** A CSV's bytes as text: UTF-8 only, with what to do otherwise. */
export function decodeCsv(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(`${file}: is not UTF-8 text (save it as UTF-8 CSV).`);
  }
}
