import { useCallback, useEffect, useState } from 'react';
import { formatDate, formatDates } from '../../../shared/dates';
import { REVIEW_KIND_LABELS } from '../../../shared/reviews/domain';
import { api } from '../../api/client';
import { useRouter } from '../../app/router';
import { reportError } from '../../ui/toasts';
import { useShortcut } from '../../ui/useShortcut';

import { ImportBundleButton } from '../exchange';
import { NewReviewDialog } from './NewReviewDialog';
import { useReviews } from './reviewsStore';

export function ReviewList() {
  const { reviews, loaded, error, includeArchived, load, setIncludeArchived } = useReviews();
  const go = useRouter((state) => state.go);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);
  useShortcut(
    'mod+n',
    useCallback(() => setCreating(true), []),
  );

  const openDemo = async () => {
    setBusy(true);
    try {
      const detail = await api.createDemoReview({});
      go({ name: 'review', reviewId: detail.review.id, tab: 'overview' });
    } catch (failure) {
      reportError(failure);
    } finally {
      setBusy(false);
    }
  };

  const empty = loaded && reviews.length === 0 && !includeArchived;
  return (
    <main className="page">
      <header className="page-header">
        <h1>Reviews</h1>
        <div className="actions">
          <label className="checkbox">
            <input type="checkbox" checked={includeArchived} onChange={(event) => void setIncludeArchived(event.target.checked)} />
            Show archived
          </label>
          <ImportBundleButton onMerged={(summary) => go({ name: 'review', reviewId: summary.reviewId, tab: 'exchange' })} />
          <button className="primary" onClick={() => setCreating(true)} title="Ctrl+N">
            New review
          </button>
        </div>
      </header>
      {error && <p className="error-banner">{error}</p>}
      {empty && (
        <section className="empty-state">
          <h2>Welcome to Fieldbook</h2>
          <p>Set up the review you are working on, or explore a complete example first.</p>
          <div className="actions">
            <button className="primary" onClick={() => setCreating(true)}>
              Set up a review
            </button>
            <button onClick={() => void openDemo()} disabled={busy}>
              Open the Oxfordshire demo
            </button>
          </div>
          <p className="hint">The demo is a progress review built from CQC's published 2019 report for Oxfordshire; team names are invented.</p>
        </section>
      )}
      {reviews.length > 0 && (
        <table className="table review-table">
          <thead>
            <tr>
              <th>Review</th>
              <th>Kind</th>
              <th>Area</th>
              <th>Visit</th>
              <th>Organisations</th>
              <th className="num">Team</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id} className={review.archived ? 'archived' : ''}>
                <td>
                  <a
                    href={`#/reviews/${review.id}/overview`}
                    onClick={(event) => {
                      event.preventDefault();
                      go({ name: 'review', reviewId: review.id, tab: 'overview' });
                    }}
                  >
                    {review.title}
                  </a>
                  {review.archived && <span className="badge">Archived</span>}
                  {review.retentionUntil && review.retentionUntil < new Date().toISOString().slice(0, 10) && (
                    <span className="badge orphan" title={`Retention ended on ${formatDate(review.retentionUntil)}`}>
                      Retention ended
                    </span>
                  )}
                </td>
                <td>{REVIEW_KIND_LABELS[review.kind]}</td>
                <td>{review.area}</td>
                <td>{formatDates(review.visitStart, review.visitEnd)}</td>
                <td>{review.organisations.join(', ') || '—'}</td>
                <td className="num">{review.teamCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!empty && reviews.length > 0 && (
        <p className="hint">
          <button className="link" onClick={() => void openDemo()} disabled={busy}>
            Add the Oxfordshire demo review
          </button>
        </p>
      )}
      {creating && (
        <NewReviewDialog
          onClose={() => setCreating(false)}
          onCreated={(reviewId) => {
            setCreating(false);
            go({ name: 'review', reviewId, tab: 'team' });
          }}
        />
      )}
    </main>
  );
}
