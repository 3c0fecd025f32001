import { z } from 'zod';
import { FrameworkItem } from '../frameworks/domain';
import { IsoDate, Organisation, Review, ReviewKind, Sector, TeamMember, TeamRole } from './domain';
import { call, id, optionalText, requiredText } from '../api/call';

/** Calls for reviews: setting one up, its team and the organisations in the system under review. */

const organisationFields = {
  name: requiredText('Organisation name'),
  shortName: requiredText('Short name', 20),
  sector: Sector,
};
export const OrganisationInput = z.object({ ...organisationFields, sector: Sector.default('other') });
export type OrganisationInput = z.input<typeof OrganisationInput>;

const teamMemberFields = { name: requiredText('Name', 120), role: TeamRole, background: optionalText(200) };
export const TeamMemberInput = z.object({ ...teamMemberFields, background: teamMemberFields.background.default('') });

function visitDatesInOrder(value: { visitStart?: string | null; visitEnd?: string | null }): boolean {
  return !value.visitStart || !value.visitEnd || value.visitStart <= value.visitEnd;
}
const visitOrder = { error: 'The visit cannot end before it starts', path: ['visitEnd'] };

export const ReviewSummary = z.object({
  id: z.string(),
  title: z.string(),
  kind: ReviewKind,
  area: z.string(),
  visitStart: z.string().nullable(),
  visitEnd: z.string().nullable(),
  archived: z.boolean(),
  retentionUntil: z.string().nullable(),
  organisations: z.array(z.string()),
  teamCount: z.number().int(),
  frameworkItemCount: z.number().int(),
  updatedAt: z.string(),
});
export type ReviewSummary = z.infer<typeof ReviewSummary>;

export const ReviewDetail = z.object({
  review: Review,
  team: z.array(TeamMember),
  organisations: z.array(Organisation),
  framework: z.array(FrameworkItem),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

export const reviewsCalls = {
  // --- reviews -------------------------------------------------------------------------------
  listReviews: call(z.object({ includeArchived: z.boolean().default(false) }), z.array(ReviewSummary), 'Reviews on this laptop, most recently changed first'),
  getReview: call(z.object({ reviewId: id('Review') }), ReviewDetail, 'One review with its team, organisations and framework'),
  createReview: call(
    z
      .object({
        title: requiredText('Title'),
        kind: ReviewKind,
        area: requiredText('Area', 120),
        visitStart: IsoDate.nullable().default(null),
        visitEnd: IsoDate.nullable().default(null),
        frameworkId: z.string().optional(),
        organisations: z.array(OrganisationInput).default([]),
      })
      .refine(visitDatesInOrder, visitOrder),
    ReviewDetail,
    'Set up a review and copy its framework into it',
  ),
  updateReview: call(
    z
      .object({
        reviewId: id('Review'),
        title: requiredText('Title').optional(),
        area: requiredText('Area', 120).optional(),
        visitStart: IsoDate.nullable().optional(),
        visitEnd: IsoDate.nullable().optional(),
        background: optionalText(20000).optional(),
      })
      .refine(visitDatesInOrder, visitOrder),
    ReviewDetail,
    'Rename a review or change its area, dates or background',
  ),
  setReviewArchived: call(z.object({ reviewId: id('Review'), archived: z.boolean() }), ReviewDetail, 'Archive a finished review (or bring it back)'),
  // --- team ----------------------------------------------------------------------------------
  addTeamMember: call(TeamMemberInput.extend({ reviewId: id('Review') }), ReviewDetail, 'Add a team member'),
  updateTeamMember: call(
    z
      .object(teamMemberFields)
      .partial()
      .extend({ memberId: id('Team member') }),
    ReviewDetail,
    'Change a team member',
  ),
  removeTeamMember: call(z.object({ memberId: id('Team member') }), ReviewDetail, 'Remove a team member'),
  restoreTeamMember: call(z.object({ memberId: id('Team member') }), ReviewDetail, 'Undo removing a team member'),

  // --- organisations -------------------------------------------------------------------------
  addOrganisation: call(OrganisationInput.extend({ reviewId: id('Review') }), ReviewDetail, 'Add an organisation'),
  updateOrganisation: call(
    z
      .object(organisationFields)
      .partial()
      .extend({ organisationId: id('Organisation') }),
    ReviewDetail,
    'Change an organisation',
  ),
  removeOrganisation: call(z.object({ organisationId: id('Organisation') }), ReviewDetail, 'Remove an organisation'),
  restoreOrganisation: call(z.object({ organisationId: id('Organisation') }), ReviewDetail, 'Undo removing an organisation'),
} as const;
