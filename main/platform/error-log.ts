import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { logFolderFor } from '../store/paths';
import { createOwnerOnly, makeOwnerOnlyDir } from '../store/owner-only';

/** A log that reaches this size is rotated: fieldbook.log → fieldbook.1.log → fieldbook.2.log. */
export const LOG_MAX_BYTES = 512 * 1024;
const LOG_KEPT = 3;
export const LOG_FILE_NAME = 'fieldbook.log';

/**
 * What a log line may keep of an error's message: its shape, not its content. Anything quoted
 * (a title, a value, a passage) and long runs of text are cut, since a message can carry what a
 * reviewer typed; the stack frames (file, line, function) are what diagnoses the fault.
 */
export function scrub(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|“[^”]*”|‘[^’]*’/g, '"…"')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}

function rotate(file: string): void {
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size < LOG_MAX_BYTES) return;
  for (let index = LOG_KEPT - 1; index >= 1; index--) {
    const from = index === 1 ? file : file.replace(/\.log$/, `.${index - 1}.log`);
    const to = file.replace(/\.log$/, `.${index}.log`);
    if (fs.existsSync(from)) fs.renameSync(from, to);
  }
}

/**
 * Records an internal error with its stack in the database's own log folder, owner-only, and
 * returns where and under which reference, so the reviewer's report can be matched to the entry.
 * Logging never throws: a full disk must not turn one error into another.
 */
export function logInternalError(databasePath: string, method: string, error: unknown, now = new Date()): { file: string; ref: string } | null {
  const ref = randomBytes(3).toString('hex').toUpperCase();
  const file = path.join(logFolderFor(databasePath), LOG_FILE_NAME);
  try {
    makeOwnerOnlyDir(path.dirname(file));
    rotate(file);
    createOwnerOnly(file);
    const failure = error instanceof Error ? error : new Error(String(error));
    const frames = (failure.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 20);
    const entry = [`${now.toISOString()} ref ${ref} call ${method}: ${failure.name}: ${scrub(failure.message)}`, ...frames, ''].join('\n');
    fs.appendFileSync(file, entry);
    return { file, ref };
  } catch {
    return null;
  }
}
