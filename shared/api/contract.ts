import { z } from 'zod';
import { FrameworkItem, FrameworkItemKind, FrameworkSummary } from '../frameworks/domain';
import { IsoDate, Organisation, Review, ReviewKind, Sector, TeamMember, TeamRole } from '../reviews/domain';
import { BackupInfo, DatabaseCheck, Profile } from '../protection/domain';
import { call, id, optionalText, requiredText } from './call';
import { sessionCalls } from '../sessions/contract';
import { evidenceCalls } from '../evidence/contract';
import { auditCalls } from '../relational-audit/contract';
import { profileCalls } from '../data-profile/contract';
import { findingsCalls } from '../findings/contract';
import { recordsCalls } from '../protection/contract';
import { teamCalls } from '../exchange/contract';

/**
 * The one API contract. Every call the UI (or CLI) makes is declared here once, with zod schemas
 * for its request and response. Main implements a handler per call; the Electron IPC bridge, the
 * preview server and the CLI all go through the same dispatcher, which parses with these schemas.
 */

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

export const contract = {
  // --- reviews -------------------------------------------------------------------------------
  listReviews: call(
    z.object({ includeArchived: z.boolean().default(false) }),
    z.array(ReviewSummary),
    'Reviews on this laptop, most recently changed first',
  ),
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
  setReviewArchived: call(
    z.object({ reviewId: id('Review'), archived: z.boolean() }),
    ReviewDetail,
    'Archive a finished review (or bring it back)',
  ),
  createDemoReview: call(z.object({}), ReviewDetail, 'Create the Oxfordshire progress review demo'),

  // --- team ----------------------------------------------------------------------------------
  addTeamMember: call(TeamMemberInput.extend({ reviewId: id('Review') }), ReviewDetail, 'Add a team member'),
  updateTeamMember: call(
    z.object(teamMemberFields).partial().extend({ memberId: id('Team member') }),
    ReviewDetail,
    'Change a team member',
  ),
  removeTeamMember: call(z.object({ memberId: id('Team member') }), ReviewDetail, 'Remove a team member'),
  restoreTeamMember: call(z.object({ memberId: id('Team member') }), ReviewDetail, 'Undo removing a team member'),

  // --- organisations -------------------------------------------------------------------------
  addOrganisation: call(OrganisationInput.extend({ reviewId: id('Review') }), ReviewDetail, 'Add an organisation'),
  updateOrganisation: call(
    z.object(organisationFields).partial().extend({ organisationId: id('Organisation') }),
    ReviewDetail,
    'Change an organisation',
  ),
  removeOrganisation: call(z.object({ organisationId: id('Organisation') }), ReviewDetail, 'Remove an organisation'),
  restoreOrganisation: call(
    z.object({ organisationId: id('Organisation') }),
    ReviewDetail,
    'Undo removing an organisation',
  ),

  // --- framework -----------------------------------------------------------------------------
  listFrameworks: call(z.object({}), z.array(FrameworkSummary), 'Frameworks shipped with Fieldbook'),
  addFrameworkItem: call(
    z.object({
      reviewId: id('Review'),
      parentId: id('Parent item').nullable(),
      kind: FrameworkItemKind,
      title: requiredText('Title', 500),
      code: optionalText(20).optional(),
      description: optionalText(4000).default(''),
    }),
    ReviewDetail,
    'Add a theme, KLOE, quality statement or prompt',
  ),
  updateFrameworkItem: call(
    z.object({
      itemId: id('Framework item'),
      title: requiredText('Title', 500).optional(),
      code: requiredText('Code', 20).optional(),
      description: optionalText(4000).optional(),
    }),
    ReviewDetail,
    'Reword a framework item',
  ),
  moveFrameworkItem: call(
    z.object({ itemId: id('Framework item'), direction: z.enum(['up', 'down']) }),
    ReviewDetail,
    'Move a framework item among its siblings',
  ),
  setFrameworkItemRetired: call(
    z.object({ itemId: id('Framework item'), retired: z.boolean() }),
    ReviewDetail,
    'Retire a framework item (kept, hidden from new work) or bring it back',
  ),

  // --- this laptop ---------------------------------------------------------------------------
  getProfile: call(z.object({}), Profile, 'Who is using this laptop'),
  updateProfile: call(z.object({ displayName: requiredText('Your name', 120) }), Profile, 'Set your name'),
  checkDatabase: call(z.object({ full: z.boolean().default(false) }), DatabaseCheck, 'Integrity and backup status (full: read every page now, as the daily check does)'),
  backupNow: call(z.object({}), BackupInfo, 'Take a backup now'),
  listBackups: call(z.object({}), z.array(BackupInfo), 'Backups of this database, newest first'),
  restoreBackup: call(
    z.object({ fileName: z.string().regex(/^[\w.-]+\.sqlite$/, 'Not a backup file name') }),
    DatabaseCheck,
    'Replace the database with a backup (the current state is backed up first)',
  ),

  ...sessionCalls,
  ...evidenceCalls,
  ...auditCalls,
  ...profileCalls,
  ...findingsCalls,
  ...recordsCalls,
  ...teamCalls,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends (defaults may be left out). */
export type Request<M extends MethodName> = z.input<Contract[M]['request']>;
/** What a handler receives, after parsing. */
export type ParsedRequest<M extends MethodName> = z.output<Contract[M]['request']>;
export type Response<M extends MethodName> = z.output<Contract[M]['response']>;

/** The API as the renderer sees it: one async function per call. */
export type Api = { [M in MethodName]: (request: Request<M>) => Promise<Response<M>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
