import type { ReviewDetail } from '../../../shared/reviews/contract';
import { conflict, invalid, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { findReview, insertReview, listReviewSummaries, reviewTitleTaken } from './reviews-table';
import { updateRow } from '../../store/rows';
import { listOrganisations } from './organisations-table';
import { listTeam } from './members-table';
import { listFramework } from '../frameworks/framework-table';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { copyFrameworkInto, frameworkFor } from '../frameworks/frameworks';
import { addOrganisations } from './organisations';

export function reviewDetail(store: Store, reviewId: string): ReviewDetail {
  const review = findReview(store, reviewId);
  if (!review) throw notFound('That review does not exist on this laptop (it may have been deleted).');
  return {
    review,
    team: listTeam(store, reviewId),
    organisations: listOrganisations(store, reviewId),
    framework: listFramework(store, reviewId),
  };
}

export function assertTitleFree(store: Store, title: string, exceptId: string | null): void {
  if (reviewTitleTaken(store, title, exceptId)) {
    throw conflict(`A review called "${title}" already exists. Give this one a different title.`, [{ field: 'title', message: 'Another review has this title' }]);
  }
}

export const reviewHandlers: Handlers<'listReviews' | 'getReview' | 'createReview' | 'updateReview' | 'setReviewArchived'> = {
  listReviews: ({ includeArchived }, { store }) => listReviewSummaries(store, includeArchived),

  getReview: ({ reviewId }, { store }) => reviewDetail(store, reviewId),

  createReview: (request, { store }) => {
    const framework = frameworkFor(request.kind, request.frameworkId, store);
    const id = newId();
    store.write((stamp) => {
      assertTitleFree(store, request.title, null);
      insertReview(store, stamp, {
        id,
        title: request.title,
        kind: request.kind,
        area: request.area,
        visitStart: request.visitStart,
        visitEnd: request.visitEnd,
        background: '',
        frameworkId: framework.id,
        frameworkName: framework.name,
      });
      copyFrameworkInto(store, stamp, id, framework);
      addOrganisations(store, stamp, id, request.organisations);
    });
    return reviewDetail(store, id);
  },

  updateReview: ({ reviewId, ...changes }, { store }) => {
    store.write((stamp) => {
      const current = findReview(store, reviewId);
      if (!current) throw notFound('That review does not exist on this laptop (it may have been deleted).');
      const visitStart = changes.visitStart === undefined ? current.visitStart : changes.visitStart;
      const visitEnd = changes.visitEnd === undefined ? current.visitEnd : changes.visitEnd;
      if (visitStart && visitEnd && visitStart > visitEnd) {
        throw invalid('The visit cannot end before it starts.', [{ field: 'visitEnd', message: 'Ends before the start date' }]);
      }
      if (changes.title !== undefined) assertTitleFree(store, changes.title, reviewId);
      const columns: Record<string, string | null> = {};
      if (changes.title !== undefined) columns.title = changes.title;
      if (changes.area !== undefined) columns.area = changes.area;
      if (changes.visitStart !== undefined) columns.visit_start = changes.visitStart;
      if (changes.visitEnd !== undefined) columns.visit_end = changes.visitEnd;
      if (changes.background !== undefined) columns.background = changes.background;
      if (Object.keys(columns).length === 0) throw invalid('Nothing to change: give at least one field.');
      updateRow(store, 'reviews', reviewId, columns, stamp);
    });
    return reviewDetail(store, reviewId);
  },

  setReviewArchived: ({ reviewId, archived }, { store }) => {
    store.write((stamp) => updateRow(store, 'reviews', reviewId, { archived: archived ? 1 : 0 }, stamp));
    return reviewDetail(store, reviewId);
  },
};
