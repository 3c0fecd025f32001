import { notFound, invalid } from '../../../shared/errors';
import { trailEntries, verifyTrail } from '../../store/audit-trail';
import { findReview } from '../reviews/reviews-table';
import { updateRow } from '../../store/rows';
import type { Handlers } from '../../platform/context';
import type { CallsOf } from '../../../shared/api/contract';
import { deleteReviewForever } from './deletion';

/** Records management: who did what (the audit trail), how long a review is kept, and deleting it for real. */
export const governanceHandlers: Handlers<CallsOf<'governance'>> = {
  getAuditTrail: ({ reviewId }, { store }) => ({ entries: trailEntries(store.db, reviewId), verification: verifyTrail(store.db) }),
  setRetention: ({ reviewId, retentionUntil }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    store.write((stamp) => updateRow(store, 'reviews', reviewId, { retention_until: retentionUntil }, stamp));
    return { retentionUntil };
  },
  deleteReview: ({ reviewId, confirmTitle, purgeBackups }, { store }) => {
    const review = findReview(store, reviewId);
    if (!review) throw notFound('That review does not exist on this laptop.');
    if (confirmTitle.trim() !== review.title)
      throw invalid(`To delete "${review.title}" for good, type its title exactly.`, [{ field: 'confirmTitle', message: 'Does not match the title' }]);
    return deleteReviewForever(store, reviewId, purgeBackups);
  },
};
