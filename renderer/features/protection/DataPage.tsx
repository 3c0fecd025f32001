import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { BackupInfo, DatabaseCheck } from '../../../shared/protection/domain';
import { api } from '../../api/client';

import { notify, reportError } from '../../ui/toasts';
import { useReviews } from '../reviews';
import { useWorkspace } from '../reviews';
import { ProtectionCard } from './ProtectionCard';

/** Where the data lives, whether it is sound, and its backups (with restore). */
export function DataPage() {
  const [check, setCheck] = useState<DatabaseCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);

  const refresh = () => void api.checkDatabase({}).then(setCheck, reportError);
  const checkNow = () => void run(async () => setCheck(await api.checkDatabase({ full: true })), 'Checked every page of the database');
  useEffect(refresh, []);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      notify(done);
      refresh();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const restore = (backup: BackupInfo) =>
    run(
      async () => {
        setConfirming(null);
        await api.restoreBackup({ fileName: backup.fileName });
        useWorkspace.getState().close();
        await useReviews.getState().load();
      },
      `Restored the backup of ${formatDateTime(backup.createdAt)}. The state before it was backed up first.`,
    );

  return (
    <main className="page">
      <header className="page-header">
        <h1>Data and backups</h1>
        <div className="actions">
          <button className="primary" disabled={busy} onClick={() => void run(() => api.backupNow({}), 'Backup taken')}>
            Back up now
          </button>
        </div>
      </header>
      <ProtectionCard onChanged={refresh} />
      {check && check.warnings.length > 0 && (
        <div className="warning-text" role="alert">
          {check.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {check && (
        <section className="card">
          <dl className="facts">
            <dt>Database</dt>
            <dd>
              <code>{check.path}</code>
            </dd>
            <dt>Integrity</dt>
            <dd>
              <span className={check.ok ? 'ok-text' : 'error-text'}>
                {check.ok
                  ? `${check.lastFullCheck ? 'Sound' : 'Opened without problems'} · ${check.reviewCount} ${check.reviewCount === 1 ? 'review' : 'reviews'} · schema ${check.schemaVersion}`
                  : `${check.integrity.join('; ')}. Restore the newest backup taken before the problem.`}
              </span>
              <div className="hint">
                {check.lastFullCheck ? `Every page last checked ${formatDateTime(check.lastFullCheck.at)}` : 'Every page is checked once a day, shortly after Fieldbook opens.'}{' '}
                <button className="small" disabled={busy} onClick={checkNow}>
                  Check now
                </button>
              </div>
            </dd>
            <dt>Backups</dt>
            <dd>
              <code>{check.backupFolder}</code>
              <div className="hint">Taken shortly after Fieldbook opens and every 10 minutes while it runs, if anything changed; the last 10 are kept.</div>
            </dd>
          </dl>
          <table className="table">
            <thead>
              <tr>
                <th>Taken</th>
                <th>Why</th>
                <th className="num">Size</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {check.backups.length === 0 && (
                <tr>
                  <td colSpan={4} className="hint">
                    No backups yet: one is taken shortly after Fieldbook opens, once something has changed.
                  </td>
                </tr>
              )}
              {check.backups.map((backup) => (
                <tr key={backup.fileName}>
                  <td>{formatDateTime(backup.createdAt)}</td>
                  <td>{backup.reason}</td>
                  <td className="num">{(backup.bytes / 1024).toFixed(0)} KiB</td>
                  <td className="row-actions">
                    {confirming?.fileName === backup.fileName ? (
                      <>
                        <span className="hint">Replace everything with this backup?</span>
                        <button className="small danger" disabled={busy} onClick={() => void restore(backup)}>
                          Restore
                        </button>
                        <button className="small" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button className="small" onClick={() => setConfirming(backup)}>
                        Restore…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
