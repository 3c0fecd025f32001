import type { DatabaseCheck } from '../../../shared/protection/domain';
import { backupPath, listBackups, verifyBackup } from '../../store/backups';
import { backupFolderFor } from '../../store/paths';
import { Store } from '../../store/store';
import type { AppContext, Handlers } from '../../platform/context';
import { restoreClosedDatabase } from './restore';

export function checkDatabase(store: Store, full = false): DatabaseCheck {
  // A database opened only to report on it (fieldbook check) carries its problems already.
  const damaged = store.integrityProblems.length > 0;
  const lastFullCheck = damaged ? null : full ? store.fullCheck() : store.lastFullCheck();
  const integrity = damaged ? store.integrityProblems : (lastFullCheck?.problems ?? []);
  const reviewCount = integrity.length > 0 ? 0 : (store.prepare('SELECT count(*) AS n FROM reviews WHERE deleted = 0').get() as { n: number }).n;
  return {
    path: store.path,
    schemaVersion: store.db.pragma('user_version', { simple: true }) as number,
    integrity,
    ok: integrity.length === 0,
    backupFolder: backupFolderFor(store.path),
    backups: listBackups(store.path),
    reviewCount,
    lastFullCheck,
    warnings: damaged ? [] : [...store.warnings],
  };
}

/**
 * Replaces the open database with a backup. The backup is checked first and the current state
 * is itself backed up, so a restore can always be undone by restoring that "pre-restore" copy.
 */
export function restoreBackupInto(context: AppContext, fileName: string): DatabaseCheck {
  const databasePath = context.store.path;
  const key = context.store.key;
  verifyBackup(backupPath(databasePath, fileName), key); // before closing: a bad choice leaves the app as it was
  context.store.close();
  try {
    restoreClosedDatabase(databasePath, fileName, key);
  } finally {
    context.replaceStore(Store.open(databasePath, { key: key ?? undefined }));
  }
  return checkDatabase(context.store);
}

export const backupHandlers: Handlers<'checkDatabase' | 'backupNow' | 'listBackups' | 'restoreBackup'> = {
  checkDatabase: ({ full }, { store }) => checkDatabase(store, full),
  backupNow: (_request, { store }) => store.backup('manual'),
  listBackups: (_request, { store }) => listBackups(store.path),
  restoreBackup: ({ fileName }, context) => restoreBackupInto(context, fileName),
};
