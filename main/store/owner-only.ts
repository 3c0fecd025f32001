import fs from 'node:fs';

/**
 * Fieldbook's files hold what people said about care, so only the person whose account runs
 * Fieldbook may read them: databases, their -wal/-shm, backups, attachments and key files are
 * 0600, their folders 0700, whatever the umask. (On Windows these modes only set the read-only
 * flag; the profile folder's ACL is what keeps other accounts out there.)
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** Tightens a file to owner-only; a file that is not there (yet) is left alone. */
export function restrictToOwner(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, OWNER_ONLY_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Makes a folder (and its missing parents) readable by the owner only. */
export function makeOwnerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, OWNER_ONLY_DIR);
}

/** Creates an empty file as owner-only if it does not exist, so it is never readable by others. */
export function createOwnerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', OWNER_ONLY_FILE));
}
