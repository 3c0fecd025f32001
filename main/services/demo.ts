import { newId } from '../../shared/ids';
import { loadDemo } from '../resources';
import { insertReview } from '../store/repositories/reviews';
import { insertTeamMember } from '../store/repositories/team';
import type { Store } from '../store/store';
import type { Handlers } from './context';
import { copyFrameworkInto, frameworkFor } from './framework';
import { addOrganisations } from './organisations';
import { reviewDetail } from './reviews';
import { reviewTitleTaken } from '../store/repositories/reviews';

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
  return id;
}

export const demoHandlers: Handlers<'createDemoReview'> = {
  createDemoReview: (_request, { store }) => reviewDetail(store, createDemoReview(store)),
};
