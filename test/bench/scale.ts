import type { AppContext } from '../../main/platform/context';
import { dispatch } from '../../main/platform/dispatch';
import type { MethodName, Request, Response } from '../../shared/api/contract';
import { SECTORS, TEAM_ROLES } from '../../shared/reviews/domain';

/**
 * The generated scale-L workload, built through the real API. Sizes follow what DOMAIN.md
 * reports of a large local authority assessment (45 interviews with 180+ people, many partner
 * organisations) and a laptop that holds several years of a reviewer's work.
 */
export const SCALE_L = {
  reviews: 60,
  organisationsPerReview: 12,
  teamPerReview: 8,
  /** The one large review benchmarks open and read. */
  large: { organisations: 40, team: 25, extraKloes: 60, promptsPerKloe: 4 },
};

export async function call<M extends MethodName>(context: AppContext, method: M, request: Request<M>): Promise<Response<M>> {
  const envelope = await dispatch(context, method, request);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as Response<M>;
}

const KINDS = ['local_system_review', 'progress_review', 'saf_local_authority', 'saf_provider'] as const;

export async function generateScaleL(context: AppContext): Promise<string> {
  for (let r = 0; r < SCALE_L.reviews; r += 1) {
    const { review } = await call(context, 'createReview', {
      title: `Area ${r + 1} ${KINDS[r % 4]}`,
      kind: KINDS[r % 4] ?? 'progress_review',
      area: `Area ${r + 1}`,
      visitStart: '2025-03-10',
      visitEnd: '2025-03-14',
      organisations: Array.from({ length: SCALE_L.organisationsPerReview }, (_, o) => ({
        name: `Organisation ${o + 1} of area ${r + 1}`,
        shortName: `ORG${o + 1}`,
        sector: SECTORS[o % SECTORS.length] ?? 'other',
      })),
    });
    for (let t = 0; t < SCALE_L.teamPerReview; t += 1) {
      await call(context, 'addTeamMember', { reviewId: review.id, name: `Reviewer ${t + 1}`, role: TEAM_ROLES[t % TEAM_ROLES.length] ?? 'reviewer' });
    }
  }
  const large = await call(context, 'createReview', {
    title: 'Scale-L local authority assessment',
    kind: 'saf_provider',
    area: 'Large county',
    organisations: Array.from({ length: SCALE_L.large.organisations }, (_, o) => ({
      name: `Partner organisation ${o + 1}`,
      shortName: `P${o + 1}`,
      sector: SECTORS[o % SECTORS.length] ?? 'other',
    })),
  });
  const reviewId = large.review.id;
  for (let t = 0; t < SCALE_L.large.team; t += 1)
    await call(context, 'addTeamMember', { reviewId, name: `Team member ${t + 1}`, role: TEAM_ROLES[t % TEAM_ROLES.length] ?? 'reviewer' });
  const parents = large.framework.filter((item) => item.kind === 'key_question');
  for (let k = 0; k < SCALE_L.large.extraKloes; k += 1) {
    const parent = parents[k % parents.length];
    const detail = await call(context, 'addFrameworkItem', { reviewId, parentId: parent?.id ?? null, kind: 'quality_statement', title: `Local statement ${k + 1}` });
    const added = detail.framework.at(-1);
    const statement = detail.framework.find((item) => item.title === `Local statement ${k + 1}`) ?? added;
    for (let p = 0; p < SCALE_L.large.promptsPerKloe; p += 1) {
      await call(context, 'addFrameworkItem', {
        reviewId,
        parentId: statement?.id ?? null,
        kind: 'prompt',
        title: `Prompt ${p + 1} for statement ${k + 1}: what does the evidence show?`,
      });
    }
  }
  return reviewId;
}
