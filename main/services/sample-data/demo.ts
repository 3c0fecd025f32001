import { newId } from '../../../shared/ids';
import { loadDemo, type DemoData } from '../../resources';
import { FieldbookError } from '../../../shared/errors';
import { parsePeriod } from '../../../shared/data-profile/period';
import { ensureIndicators, upsertValue } from '../data-profile/indicators';
import { insertReview } from '../reviews/reviews-table';
import { insertTeamMember } from '../reviews/members-table';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { copyFrameworkInto, frameworkFor } from '../frameworks/frameworks';
import { addOrganisations } from '../reviews/organisations';
import { reviewDetail } from '../reviews/reviews';
import { reviewTitleTaken } from '../reviews/reviews-table';

/** A free title: the demo can be created more than once (e.g. to start over) without clashing. */
function freeTitle(store: Store, title: string): string {
  if (!reviewTitleTaken(store, title, null)) return title;
  for (let n = 2; ; n += 1) {
    const candidate = `${title} (${n})`;
    if (!reviewTitleTaken(store, candidate, null)) return candidate;
  }
}

/** The Oxfordshire progress review of November 2018, from the facts in the seed report. */
export function createDemoReview(store: Store): string {
  const demo = loadDemo();
  const framework = frameworkFor(demo.review.kind, demo.review.frameworkId);
  const id = newId();
  store.write((stamp) => {
    insertReview(store, stamp, {
      id,
      ...demo.review,
      title: freeTitle(store, demo.review.title),
      frameworkId: framework.id,
      frameworkName: framework.name,
    });
    copyFrameworkInto(store, stamp, id, framework);
    addOrganisations(store, stamp, id, demo.organisations);
    for (const member of demo.team) insertTeamMember(store, stamp, { id: newId(), reviewId: id, ...member });
  });
  addDemoIndicators(store, id, demo.indicators);
  return id;
}

/** The seed report's figures, stored marked as demo data so nobody mistakes them for a real profile. */
function addDemoIndicators(store: Store, reviewId: string, values: DemoData['indicators']): void {
  ensureIndicators(store, reviewId);
  const byCode = new Map(
    (store.prepare('SELECT id, code FROM indicators WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{ id: string; code: string }>).map((i) => [i.code, i.id]),
  );
  store.write((stamp) => {
    for (const value of values) {
      const indicatorId = byCode.get(value.code);
      const period = parsePeriod(value.period);
      if (!indicatorId || typeof period === 'string')
        throw new FieldbookError('internal', `The demo data names ${value.code} ${value.period}, which the default indicators do not have.`);
      upsertValue(store, stamp, reviewId, indicatorId, {
        period,
        area: value.area,
        england: value.england ?? null,
        comparator: value.comparator ?? null,
        flag: value.flag ?? null,
        note: value.note ?? '',
        demo: true,
      });
    }
  });
}

export const demoHandlers: Handlers<'createDemoReview'> = {
  createDemoReview: (_request, { store }) => reviewDetail(store, createDemoReview(store)),
};
