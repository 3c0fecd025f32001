import { invalid, notFound } from '../../shared/errors';
import { trailEntries, verifyTrail } from '../store/audit-trail';
import { findReview } from '../store/repositories/reviews';
import { updateRow } from '../store/repositories/rows';
import type { Handlers } from './context';
import { deleteReviewForever } from './deletion';

export const recordsHandlers: Handlers<'auditTrail' | 'setRetention' | 'deleteReview'> = {
  auditTrail: ({ reviewId }, { store }) => ({ entries: trailEntries(store.db, reviewId), verification: verifyTrail(store.db) }),
  setRetention: ({ reviewId, retentionUntil }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    store.write((stamp) => updateRow(store, 'reviews', reviewId, { retention_until: retentionUntil }, stamp));
    return { retentionUntil };
  },
  deleteReview: ({ reviewId, confirmTitle, purgeBackups }, { store }) => {
    const review = findReview(store, reviewId);
    if (!review) throw notFound('That review does not exist on this laptop.');
    if (confirmTitle.trim() !== review.title) throw invalid(`To delete "${review.title}" for good, type its title exactly.`, [{ field: 'confirmTitle', message: 'Does not match the title' }]);
    return deleteReviewForever(store, reviewId, purgeBackups);
  },
};
