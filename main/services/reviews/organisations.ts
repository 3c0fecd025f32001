import type { Sector } from '../../../shared/reviews/domain';
import { conflict, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { findOrganisationClash, insertOrganisation, organisationRecord } from './organisations-table';
import { setDeleted, updateRow } from '../../store/rows';
import { findReview } from './reviews-table';
import type { Stamp, Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { reviewDetail } from './reviews';

function assertNoClash(store: Store, reviewId: string, candidate: { name?: string | undefined; shortName?: string | undefined }, exceptId: string | null, fieldPrefix = ''): void {
  const clash = findOrganisationClash(store, reviewId, candidate, exceptId);
  if (!clash) return;
  const value = clash.field === 'shortName' ? candidate.shortName : candidate.name;
  const what = clash.field === 'shortName' ? 'short name' : 'name';
  throw conflict(`The ${what} "${value}" is already used by ${clash.existing} in this review. Each organisation needs its own ${what}.`, [
    { field: `${fieldPrefix}${clash.field}`, message: `Already used by ${clash.existing}` },
  ]);
}

/** Adds several organisations in the caller's transaction, refusing duplicates among them too. */
export function addOrganisations(
  store: Store,
  stamp: Stamp,
  reviewId: string,
  organisations: Array<{ name: string; shortName: string; sector: Sector }>,
  fieldPrefix = (index: number) => `organisations.${index}.`,
): void {
  organisations.forEach((org, index) => {
    assertNoClash(store, reviewId, org, null, fieldPrefix(index));
    insertOrganisation(store, stamp, { id: newId(), reviewId, ...org });
  });
}

function liveOrganisation(store: Store, id: string) {
  const record = organisationRecord(store, id);
  if (!record || record.deleted) throw notFound('That organisation is not in the review (it may have been removed).');
  return record;
}

export const organisationHandlers: Handlers<'addOrganisation' | 'updateOrganisation' | 'removeOrganisation' | 'restoreOrganisation'> = {
  addOrganisation: ({ reviewId, ...org }, { store }) => {
    store.write((stamp) => {
      if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
      addOrganisations(store, stamp, reviewId, [org], () => '');
    });
    return reviewDetail(store, reviewId);
  },

  updateOrganisation: ({ organisationId, ...changes }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = liveOrganisation(store, organisationId);
      assertNoClash(store, record.reviewId, changes, organisationId);
      const columns: Record<string, string> = {};
      if (changes.name !== undefined) columns.name = changes.name;
      if (changes.shortName !== undefined) columns.short_name = changes.shortName;
      if (changes.sector !== undefined) columns.sector = changes.sector;
      if (Object.keys(columns).length > 0) updateRow(store, 'organisations', organisationId, columns, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  removeOrganisation: ({ organisationId }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = liveOrganisation(store, organisationId);
      setDeleted(store, 'organisations', organisationId, true, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },

  restoreOrganisation: ({ organisationId }, { store }) => {
    const reviewId = store.write((stamp) => {
      const record = organisationRecord(store, organisationId);
      if (!record) throw notFound('That organisation does not exist.');
      // Someone may have reused the short name meanwhile; undo must not create a duplicate.
      assertNoClash(store, record.reviewId, { name: record.name, shortName: record.shortName }, organisationId);
      setDeleted(store, 'organisations', organisationId, false, stamp);
      return record.reviewId;
    });
    return reviewDetail(store, reviewId);
  },
};
