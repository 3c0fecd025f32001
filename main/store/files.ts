import fs from 'node:fs';
import path from 'node:path';
import { FieldbookError } from '../../shared/errors';

/** Errors that mean the disk (or the user's quota) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export const diskFull = (): FieldbookError => new FieldbookError('storage', 'The disk is full: nothing was saved. Free some space and try again.');

/**
 * Writes a whole file or nothing: the bytes go to `<target>.partial`, are flushed, then renamed
 * over the target, so a crash or a full disk never leaves half a file under the real name; a
 * failed write removes its partial file and says what happened.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array | string, mode?: number): void {
  const partial = `${target}.partial`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(partial, bytes, mode === undefined ? {} : { mode });
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw isDiskFull(error) ? diskFull() : error;
  }
}
