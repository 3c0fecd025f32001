import { z } from 'zod';

/** The four kinds of review Fieldbook supports (see DOMAIN.md). */
export const REVIEW_KINDS = ['local_system_review', 'progress_review', 'saf_local_authority', 'saf_provider'] as const;
export const ReviewKind = z.enum(REVIEW_KINDS, { error: 'Choose a review kind' });
export type ReviewKind = z.infer<typeof ReviewKind>;

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  local_system_review: 'Local system review',
  progress_review: 'Progress review',
  saf_local_authority: 'SAF local authority assessment',
  saf_provider: 'SAF provider assessment',
};

export const TEAM_ROLES = ['lead_reviewer', 'reviewer', 'specialist_advisor', 'report_writer', 'expert_by_experience', 'analyst'] as const;
export const TeamRole = z.enum(TEAM_ROLES, { error: 'Choose a role' });
export type TeamRole = z.infer<typeof TeamRole>;

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  lead_reviewer: 'Lead reviewer',
  reviewer: 'Reviewer',
  specialist_advisor: 'Specialist advisor',
  report_writer: 'Report writer',
  expert_by_experience: 'Expert by Experience',
  analyst: 'Analyst',
};

export const SECTORS = [
  'local_authority',
  'nhs_commissioner',
  'nhs_trust',
  'ambulance',
  'primary_care',
  'independent_provider',
  'vcse',
  'healthwatch',
  'housing',
  'other',
] as const;
export const Sector = z.enum(SECTORS, { error: 'Choose a sector' });
export type Sector = z.infer<typeof Sector>;

export const SECTOR_LABELS: Record<Sector, string> = {
  local_authority: 'Local authority',
  nhs_commissioner: 'NHS commissioner (CCG/ICB)',
  nhs_trust: 'NHS trust',
  ambulance: 'Ambulance service',
  primary_care: 'Primary care',
  independent_provider: 'Independent care provider',
  vcse: 'Voluntary, community and social enterprise',
  healthwatch: 'Healthwatch',
  housing: 'Housing',
  other: 'Other',
};

/** Who last changed a row, where and when: carried by every synced row. */
export const Stamp = z.object({
  updatedAt: z.string(), // ISO time taken from the hybrid logical clock
  updatedBy: z.string(), // display name of the person who made the change
});

export const IsoDate = z.iso.date({ error: 'Use a date like 2018-11-06' });

export const Review = z.object({
  id: z.string(),
  title: z.string(),
  kind: ReviewKind,
  area: z.string(),
  visitStart: IsoDate.nullable(),
  visitEnd: IsoDate.nullable(),
  background: z.string(),
  frameworkId: z.string(),
  frameworkName: z.string(),
  archived: z.boolean(),
  /** When the review's retention ends (its data should then be deleted), if set. */
  retentionUntil: IsoDate.nullable(),
  ...Stamp.shape,
});
export type Review = z.infer<typeof Review>;

export const TeamMember = z.object({
  id: z.string(),
  reviewId: z.string(),
  name: z.string(),
  role: TeamRole,
  background: z.string(),
  ...Stamp.shape,
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Organisation = z.object({
  id: z.string(),
  reviewId: z.string(),
  name: z.string(),
  shortName: z.string(),
  sector: Sector,
  ...Stamp.shape,
});
export type Organisation = z.infer<typeof Organisation>;
