import { useCallback, useEffect, useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import type { ConflictView, TeamView } from '../../../shared/exchange/contract';
import { api } from '../../api/client';
import { downloadBase64 } from '../../ui/files';
import { plural } from '../../ui/format';
import { notify, reportError } from '../../ui/toasts';
import { useWorkspace } from '../reviews';
import { ImportBundleButton } from './ImportBundle';
import { NewTeamKeyDialog, TeamKeySection } from './TeamKey';

/** One conflicting record: every side of each field next to each other, and a pick per field. */
function ConflictCard({ conflict, onResolved }: { conflict: ConflictView; onResolved: () => void }) {
  const [choices, setChoices] = useState<Record<string, number>>({});
  const complete = conflict.fields.every((field) => choices[field.field] !== undefined);
  const keep = async () => {
    try {
      const result = await api.resolveConflict({ table: conflict.table, rowId: conflict.rowId, choices });
      notify(`Kept your choice for the ${conflict.type}. ${plural(result.remaining, 'conflict')} left.`);
      onResolved();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <article className="card conflict" aria-label={`Conflict: ${conflict.type}`}>
      <h3>
        {conflict.type[0]?.toUpperCase()}
        {conflict.type.slice(1)}: <span className="hint">{conflict.name || '(untitled)'}</span>
      </h3>
      {conflict.fields.map((field) => (
        <fieldset key={field.field} className="conflict-field">
          <legend>
            {field.field === 'deleted'
              ? 'Deleted on one laptop, changed on another'
              : `${field.kind === 'doc' ? 'The text' : field.field.replace(/_/g, ' ')} was changed on both laptops`}
          </legend>
          <div className="conflict-options">
            {field.options.map((option, index) => (
              <label key={option.vid} className={choices[field.field] === index ? 'conflict-option chosen' : 'conflict-option'}>
                <span className="hint">
                  <input
                    type="radio"
                    name={`${conflict.rowId}-${field.field}`}
                    checked={choices[field.field] === index}
                    onChange={() => setChoices({ ...choices, [field.field]: index })}
                  />{' '}
                  {option.by} on {option.device}, {formatDateTime(option.at)}
                  {option.value === field.shown && <span className="badge">shown now</span>}
                </span>
                <span className="conflict-text">{option.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button className="primary" disabled={!complete} onClick={() => void keep()}>
          Keep the chosen version
        </button>
        {!complete && <span className="hint">Pick one version of each field.</span>}
      </div>
    </article>
  );
}

/**
 * Team exchange: export this laptop's work for teammates, import theirs, settle conflicts, and
 * see who contributed what and when their work was last merged.
 */
export function ExchangeTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const [view, setView] = useState<TeamView | null>(null);
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [sincePeer, setSincePeer] = useState('');
  const [busy, setBusy] = useState(false);
  const [newCode, setNewCode] = useState<string | null>(null);
  // Bumped after an export or import, when the team key or the pinned teammates may have changed.
  const [keyVersion, setKeyVersion] = useState(0);
  const reopen = useWorkspace((state) => state.open);
  const refresh = useCallback(
    () =>
      Promise.all([api.getExchangeSummary({ reviewId }), api.listConflicts({ reviewId })]).then(([team, open]) => {
        setView(team);
        setConflicts(open.conflicts);
      }, reportError),
    [reviewId],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const exportBundle = async () => {
    setBusy(true);
    try {
      const bundle = await api.exportBundle({ reviewId, sincePeer: sincePeer || null });
      downloadBase64(bundle.fileName, 'application/zip', bundle.dataBase64);
      notify(`Bundle written: ${plural(bundle.versions, 'record version')}, ${plural(bundle.attachments, 'attachment')}, ${Math.max(1, Math.round(bundle.bytes / 1024))} KB.`);
      if (bundle.newTeamCode) setNewCode(bundle.newTeamCode);
      setKeyVersion((n) => n + 1);
      await refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  const peers = [...new Set(view?.peers.map((peer) => peer.person) ?? [])];

  return (
    <div>
      <div className="two-column">
        <section className="card" aria-label="Exchange bundles">
          <h2>Exchange with the team</h2>
          <p className="hint">
            A bundle carries this review's records from this laptop ({view?.thisLaptop.person} on {view?.thisLaptop.device}) to a teammate by USB stick or a shared folder. Nothing
            goes over a network.
            {view && view.unsent > 0 && ` ${plural(view.unsent, 'record')} changed here since the last bundle.`}
          </p>
          <div className="actions">
            <label>
              Include{' '}
              <select value={sincePeer} onChange={(e) => setSincePeer(e.target.value)} aria-label="What to include">
                <option value="">everything</option>
                {peers.map((person) => (
                  <option key={person} value={person}>
                    changes since the last bundle for {person}
                  </option>
                ))}
              </select>
            </label>
            <button className="primary" disabled={busy} onClick={() => void exportBundle()}>
              Export for team
            </button>
            <ImportBundleButton
              onMerged={() => {
                setKeyVersion((n) => n + 1);
                void refresh();
                void reopen(reviewId);
              }}
            />
          </div>
          {newCode && <NewTeamKeyDialog code={newCode} onClose={() => setNewCode(null)} />}
        </section>
        <section className="card" aria-label="Team contributions">
          <h2>Team</h2>
          <table className="table">
            <thead>
              <tr>
                <th>Person (laptops)</th>
                <th>Made</th>
                <th>Edits</th>
                <th>Last changed</th>
              </tr>
            </thead>
            <tbody>
              {view?.members.map((member) => (
                <tr key={member.person}>
                  <td>
                    {member.person}
                    <div className="hint">{member.devices.join(', ')}</div>
                  </td>
                  <td>{member.created}</td>
                  <td>{member.edits}</td>
                  <td>
                    {member.lastChanged} {member.lastChangeAt && <span className="hint">· {formatDateTime(member.lastChangeAt)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view?.peers.map((peer) => (
            <p key={`${peer.person}-${peer.device}`} className="hint">
              {peer.person} ({peer.device}): last merged here {peer.lastReceivedAt ? formatDateTime(peer.lastReceivedAt) : 'never'}; last sent{' '}
              {peer.lastSentAt ? formatDateTime(peer.lastSentAt) : 'never'}.
            </p>
          ))}
          {view && view.peers.length === 0 && <p className="hint">No teammate's bundle has been imported into this review yet.</p>}
        </section>
      </div>
      <TeamKeySection reviewId={reviewId} version={keyVersion} />
      <section aria-label="Conflicts">
        <h2>
          Conflicts <span className="badge">{conflicts.length}</span>
        </h2>
        {conflicts.length === 0 ? (
          <p className="hint">None: every record reads the same on every laptop that has merged.</p>
        ) : (
          <p className="hint">Changed differently on two laptops since they last exchanged. Until you pick, the newest side is shown and nothing is lost.</p>
        )}
        {conflicts.map((conflict) => (
          <ConflictCard key={`${conflict.table}:${conflict.rowId}`} conflict={conflict} onResolved={() => void refresh()} />
        ))}
      </section>
    </div>
  );
}
