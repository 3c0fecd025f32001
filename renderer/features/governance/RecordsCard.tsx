import { useState } from 'react';
import { formatDate, formatDateTime } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { api, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';
import { Dialog } from '../../ui/Dialog';

import { notify, reportError } from '../../ui/toasts';

type Trail = Awaited<ReturnType<typeof api.getAuditTrail>>;

const today = () => new Date().toISOString().slice(0, 10);

function DeleteDialog({ review, onClose }: { review: ReviewDetail['review']; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [purge, setPurge] = useState(false);
  const [error, setError] = useState('');
  const go = useRouter((s) => s.go);
  const remove = async () => {
    try {
      const report = await api.deleteReview({ reviewId: review.id, confirmTitle: typed, purgeBackups: purge });
      notify(report.message);
      go({ name: 'home' });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Dialog title="Delete this review for good" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void remove();
        }}
      >
        <p>
          Every session, note, evidence item, attachment, finding and figure of <strong>{review.title}</strong> will be deleted from this laptop. This cannot be undone.
        </p>
        <label>
          Type the review's title to confirm <input autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Type the title to confirm" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} /> Also remove the backups taken before now (a fresh backup without this review is
          taken first)
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={typed.trim() !== review.title}>
            Delete for good
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Retention, the audit trail and deleting the review: the records side of a review. */
export function RecordsCard({ detail }: { detail: ReviewDetail }) {
  const { review } = detail;
  const [retention, setRetention] = useState(review.retentionUntil ?? '');
  const [saved, setSaved] = useState(review.retentionUntil ?? '');
  const [trail, setTrail] = useState<Trail | null>(null);
  const [deleting, setDeleting] = useState(false);
  const saveRetention = async () => {
    try {
      const result = await api.setRetention({ reviewId: review.id, retentionUntil: retention || null });
      setSaved(result.retentionUntil ?? '');
      notify(result.retentionUntil ? `Retention ends on ${formatDate(result.retentionUntil)}` : 'Retention date cleared');
    } catch (error) {
      reportError(error);
    }
  };
  const loadTrail = () => api.getAuditTrail({ reviewId: review.id }).then(setTrail, reportError);
  const downloadTrail = () => {
    if (!trail) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(trail, null, 2)], { type: 'application/json' }));
    link.download = 'audit-trail.json';
    link.click();
  };
  const ended = saved !== '' && saved < today();
  return (
    <section className="card records" aria-label="Records">
      <h2>Records</h2>
      {ended && (
        <p className="warning-text" role="alert">
          Retention ended on {formatDate(saved)}: delete this review's data unless it must be kept.
        </p>
      )}
      <div className="row retention">
        <label>
          Retention ends <input type="date" value={retention} onChange={(e) => setRetention(e.target.value)} aria-label="Retention ends" />
        </label>
        <button onClick={() => void saveRetention()} disabled={retention === saved}>
          Save
        </button>
      </div>
      <details onToggle={(e) => e.currentTarget.open && void loadTrail()}>
        <summary>Audit trail</summary>
        {trail && (
          <>
            <p className={trail.verification.ok ? 'ok-text' : 'error-text'}>
              {trail.verification.ok
                ? `The chain of ${trail.verification.entries} entries is intact.`
                : `The trail has been tampered with: ${trail.verification.problems.map((p) => `entry ${p.seq} ${p.problem}`).join('; ')}`}
            </p>
            <table className="table compact" aria-label="Audit trail">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Action</th>
                  <th>What</th>
                </tr>
              </thead>
              <tbody>
                {trail.entries
                  .slice(-200)
                  .reverse()
                  .map((e) => (
                    <tr key={e.seq}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{e.personName}</td>
                      <td>{e.action}</td>
                      <td>
                        {e.method}
                        {e.target ? ` · ${e.target.split(':')[0]}` : ''}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
            <button className="small" onClick={downloadTrail}>
              Download the trail (JSON)
            </button>
          </>
        )}
      </details>
      <button className="danger" onClick={() => setDeleting(true)}>
        Delete review for good…
      </button>
      {deleting && <DeleteDialog review={review} onClose={() => setDeleting(false)} />}
    </section>
  );
}
