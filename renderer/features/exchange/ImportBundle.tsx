import { useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import { TEAM_KEY_NEEDED, type MergeSummary } from '../../../shared/exchange/contract';
import { api, fieldErrors, messageOf } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { FilePickButton } from '../../ui/FilePickButton';
import { fileToBase64 } from '../../ui/files';
import { plural } from '../../ui/format';
import { notify } from '../../ui/toasts';

type Picked = Array<{ fileName: string; dataBase64: string }>;
type From = MergeSummary['from'][number];

const needsTrust = (from: From) => from.signer === 'new' || from.signer === 'changed' || from.signer === 'unprotected';
/** What a tick records: the signer's fingerprint, or for an unsigned bundle its file name. */
const trustKey = (from: From) => from.fingerprint ?? `unprotected:${from.fileName}`;

/** Who signed a bundle, as this laptop knows them; a laptop not pinned yet is trusted by a tick. */
function SignerLine({ from, trusted, onTrust }: { from: From; trusted: boolean; onTrust: (trusted: boolean) => void }) {
  switch (from.signer) {
    case 'this laptop':
      return <span className="hint">Made on this laptop.</span>;
    case 'pinned':
      return <span className="hint">Signed by {from.person}'s laptop, as before.</span>;
    case 'unprotected':
      return (
        <span className="error-text">
          An old-format bundle: it was not encrypted or signed, so anyone who had the file could have read or changed it.
          <label className="checkbox">
            <input type="checkbox" checked={trusted} onChange={(e) => onTrust(e.target.checked)} /> It came to me straight from {from.person}
          </label>
        </span>
      );
    default:
      return (
        <span className={from.signer === 'changed' ? 'error-text' : ''}>
          {from.signer === 'new'
            ? `${from.person}'s laptop has not sent a bundle for this review before.`
            : `Signed with a different key than ${from.person}'s laptop used before: a reinstalled laptop does this, and so does someone posing as them.`}{' '}
          Fingerprint <code className="fingerprint">{from.fingerprint}</code>
          <label className="checkbox">
            <input type="checkbox" checked={trusted} onChange={(e) => onTrust(e.target.checked)} /> I compared this fingerprint with {from.person} (by phone or in person), and it
            matches
          </label>
        </span>
      );
  }
}

/** What a bundle would do, shown before anything is merged. */
function SummaryTable({ summary, trusted, onTrust }: { summary: MergeSummary; trusted: Set<string>; onTrust: (fingerprint: string, trusted: boolean) => void }) {
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
            {from.fileName}: from <strong>{from.person}</strong> on {from.device}, made {formatDateTime(from.createdAt)}
            {from.sincePeer ? ` (changes since their last bundle for ${from.sincePeer})` : ''}
            <div>
              <SignerLine from={from} trusted={trusted.has(trustKey(from))} onTrust={(yes) => onTrust(trustKey(from), yes)} />
            </div>
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
  // The team key, asked for only when this laptop has none that opens the bundle; typed once per review.
  const [askKey, setAskKey] = useState<false | 'first' | 'failed'>(false);
  const [teamKey, setTeamKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  const [trusted, setTrusted] = useState<Set<string>>(new Set());
  const close = () => {
    setPicked(null);
    setPreview(null);
    setError('');
    setConfirmed(false);
    setAskKey(false);
    setTeamKey('');
    setShowKey(false);
    setTrusted(new Set());
  };
  const check = async (files: Picked, key: string) => {
    setBusy(true);
    setError('');
    try {
      setPreview(await api.previewBundle({ files, teamKey: key || undefined }));
      setAskKey(false);
    } catch (e) {
      const keyIssue = fieldErrors(e).teamKey;
      if (keyIssue) setAskKey(keyIssue === TEAM_KEY_NEEDED ? 'first' : 'failed');
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const pick = async (files: File[]) => {
    const chosen = await Promise.all(files.map(async (file) => ({ fileName: file.name, dataBase64: await fileToBase64(file) })));
    setPicked(chosen);
    await check(chosen, '');
  };
  const unconfirmedSigners = preview?.from.filter((from) => needsTrust(from) && !trusted.has(trustKey(from))) ?? [];
  const merge = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      const merged = await api.mergeBundle({
        files: picked,
        confirmDeletions: confirmed,
        teamKey: teamKey || undefined,
        trustSigners: [...trusted].filter((key) => !key.startsWith('unprotected:')),
        acceptUnprotected: [...trusted].some((key) => key.startsWith('unprotected:')),
      });
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
          {askKey && !preview && error && (
            // The first time this is why the key is asked for, not a failure.
            <p className={askKey === 'failed' ? 'error-text' : undefined} role={askKey === 'failed' ? 'alert' : undefined}>
              {error}
            </p>
          )}
          {askKey && !preview && (
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                void check(picked, teamKey);
              }}
            >
              <label>
                Team key or passphrase
                <input
                  type={showKey ? 'text' : 'password'}
                  autoFocus
                  autoComplete="off"
                  spellCheck={false}
                  value={teamKey}
                  onChange={(e) => setTeamKey(e.target.value)}
                  aria-describedby="team-key-hint"
                />
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={showKey} onChange={(e) => setShowKey(e.target.checked)} /> Show what I type
              </label>
              <p className="hint" id="team-key-hint">
                The code (FBT-…) or passphrase the person who set up the review gave you. It is kept for this review, so you type it once.
              </p>
              <button className="primary" type="submit" disabled={busy || teamKey.trim() === ''}>
                Open the bundle
              </button>
            </form>
          )}
          {preview && (
            <SummaryTable
              summary={preview}
              trusted={trusted}
              onTrust={(fingerprint, yes) => {
                const next = new Set(trusted);
                if (yes) next.add(fingerprint);
                else next.delete(fingerprint);
                setTrusted(next);
              }}
            />
          )}
          {preview?.needsConfirmation && (
            <label className="checkbox error-text">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> This deletes {Math.round(preview.deletionShare * 100)} % of the
              review's records. I have checked with {[...new Set(preview.from.map((from) => from.person))].join(', ')}.
            </label>
          )}
          {error && !(askKey && !preview) && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
            {preview && (
              <button className="primary" disabled={busy || (preview.needsConfirmation && !confirmed) || unconfirmedSigners.length > 0} onClick={() => void merge()}>
                Merge
              </button>
            )}
          </div>
          {unconfirmedSigners.length > 0 && <p className="hint">Confirm who each bundle above comes from before merging.</p>}
          <p className="hint">A backup is taken first; the merge is all or nothing.</p>
        </Dialog>
      )}
    </>
  );
}
