import { notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { setDeleted, updateRow } from '../../store/rows';
import { findReview } from './reviews-table';
import { insertTeamMember, teamMemberReview } from './members-table';
import type { Handlers } from '../../platform/context';
import { reviewDetail } from './reviews';

export const teamHandlers: Handlers<'addTeamMember' | 'updateTeamMember' | 'removeTeamMember' | 'restoreTeamMember'> = {
  addTeamMember: ({ reviewId, ...member }, { store }) => {
    store.write((stamp) => {
      if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
      insertTeamMember(store, stamp, { id: newId(), reviewId, ...member });
    });
    return reviewDetail(store, reviewId);
  },

  updateTeamMember: ({ memberId, ...changes }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = teamMemberReview(store, memberId);
      if (!record || record.deleted) throw notFound('That team member is not in the review (they may have been removed).');
      const columns: Record<string, string> = {};
      if (changes.name !== undefined) columns.name = changes.name;
      if (changes.role !== undefined) columns.role = changes.role;
      if (changes.background !== undefined) columns.background = changes.background;
      if (Object.keys(columns).length > 0) updateRow(store, 'team_members', memberId, columns, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  removeTeamMember: ({ memberId }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = teamMemberReview(store, memberId);
      if (!record) throw notFound('That team member does not exist.');
      setDeleted(store, 'team_members', memberId, true, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  restoreTeamMember: ({ memberId }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = teamMemberReview(store, memberId);
      if (!record) throw notFound('That team member does not exist.');
      setDeleted(store, 'team_members', memberId, false, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },
};
