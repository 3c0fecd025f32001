import { useState } from 'react';
import type { MergeSummary } from '../../../shared/exchange/contract';
import { api, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { FilePickButton } from '../../ui/FilePickButton';
import { fileToBase64 } from '../../ui/files';
import { formatTime, plural } from '../../ui/format';
import { notify } from '../../ui/toasts';

type Picked = Array<{ fileName: string; dataBase64: string }>;

/** What a bundle would do, shown before anything is merged. */
function SummaryTable({ summary }: { summary: MergeSummary }) {
  return (
    <>
      <p>
        For <strong>{summary.reviewTitle}</strong>
        {summary.newReview ? ' — a review new to this laptop' : ''}:
      </p>
      <ul aria-label="Bundles">
        {summary.from.map((from, index) => (
          // Two picked files can share a name (from two teammates' folders).
          <li key={`${index}:${from.fileName}`}>
            {from.fileName}: from <strong>{from.person}</strong> on {from.device}, made {formatTime(from.createdAt)}
            {from.sincePeer ? ` (changes since their last bundle for ${from.sincePeer})` : ''}
          </li>
        ))}
      </ul>
      <p className="counts" aria-label="Merge totals">
        {plural(summary.totals.added, 'record')} added · {summary.totals.updated} updated · {summary.totals.deleted} deleted · {summary.totals.unchanged} already here ·{' '}
        <strong className={summary.totals.conflicts ? 'stance-concern' : ''}>{plural(summary.totals.conflicts, 'conflict')}</strong> ·{' '}
        {plural(summary.attachments.added, 'attachment file')}
      </p>
      {summary.byType.length > 0 && (
        <table className="table review-table" aria-label="Changes by type">
          <thead>
            <tr>
              <th>Type</th>
              <th>Added</th>
              <th>Updated</th>
              <th>Deleted</th>
              <th>Conflicts</th>
            </tr>
          </thead>
          <tbody>
            {summary.byType.map((type) => (
              <tr key={type.type}>
                <td>{type.type}</td>
                <td>{type.added}</td>
                <td>{type.updated}</td>
                <td>{type.deleted}</td>
                <td>{type.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        By teammate:{' '}
        {Object.entries(summary.byTeammate)
          .map(([person, count]) => `${person} (${plural(count, 'change')})`)
          .join(', ') || 'nothing new'}
      </p>
    </>
  );
}

/**
 * Import teammates' bundles: pick one file or several (they merge together, after one backup), see what it would add, change, delete and leave in
 * conflict, then merge (a backup is taken first). A bundle that would delete over 20 % of the
 * review needs a tick first.
 */
export function ImportBundleButton({ onMerged }: { onMerged: (summary: MergeSummary) => void }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<MergeSummary | null>(null);
  const [error, setError] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPicked(null);
    setPreview(null);
    setError('');
    setConfirmed(false);
  };
  const pick = async (files: File[]) => {
    const chosen = await Promise.all(files.map(async (file) => ({ fileName: file.name, dataBase64: await fileToBase64(file) })));
    setPicked(chosen);
    setBusy(true);
    try {
      setPreview(await api.previewBundle({ files: chosen }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const merge = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      const merged = await api.mergeBundle({ files: picked, confirmDeletions: confirmed });
      notify(
        `Merged ${merged.from.length === 1 ? `${merged.from[0]?.person ?? 'a teammate'}'s bundle` : `${merged.from.length} bundles`}: ${merged.totals.added} added, ${merged.totals.updated} updated, ${merged.totals.deleted} deleted, ${plural(merged.totals.conflicts, 'conflict')}.`,
      );
      close();
      onMerged(merged);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FilePickButton label="Import team bundles…" accept=".fieldbook-bundle,application/zip" inputLabel="Team bundle files" onFiles={(files) => void pick(files)} />
      {picked && (
        <Dialog title={picked.length === 1 ? `Import ${picked[0]?.fileName}` : `Import ${picked.length} bundles`} onClose={close}>
          {busy && (
            <p className="hint" role="status">
              {preview ? 'Merging…' : picked.length === 1 ? 'Checking the bundle…' : `Checking ${picked.length} bundles…`}
            </p>
          )}
          {preview && <SummaryTable summary={preview} />}
          {preview?.needsConfirmation && (
            <label className="checkbox error-text">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> This deletes {Math.round(preview.deletionShare * 100)} % of the
              review's records. I have checked with {[...new Set(preview.from.map((from) => from.person))].join(', ')}.
            </label>
          )}
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            {preview && (
              <button className="primary" disabled={busy || (preview.needsConfirmation && !confirmed)} onClick={() => void merge()}>
                Merge
              </button>
            )}
          </div>
          <p className="hint">A backup is taken first; the merge is all or nothing.</p>
        </Dialog>
      )}
    </>
  );
}
