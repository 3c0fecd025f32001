import fs from 'node:fs';
import { backupPath, replaceDatabaseFile, verifyBackup } from '../../store/backups';
import { Store } from '../../store/store';

/**
 * Puts a backup in place of a database that is not open. The current file is kept first: as a
 * "pre-restore" backup when it is sound, or moved aside as `.damaged-<time>` when it is not, so a
 * restore never destroys anything.
 * Returns the path of the kept copy, if one was made outside the backup folder.
 */
export function restoreClosedDatabase(databasePath: string, fileName: string, key: Buffer | null = null): string | null {
  const file = backupPath(databasePath, fileName);
  verifyBackup(file, key);
  let keptAside: string | null = null;
  if (fs.existsSync(databasePath)) {
    let current: Store | null = null;
    try {
      current = Store.open(databasePath, { key: key ?? undefined });
      current.backup('pre-restore');
    } catch {
      keptAside = `${databasePath}.damaged-${new Date().toISOString().replace(/[-:.]/g, '')}`;
      current?.close();
      current = null;
      fs.renameSync(databasePath, keptAside);
    } finally {
      current?.close();
    }
  }
  replaceDatabaseFile(databasePath, file);
  return keptAside;
}
