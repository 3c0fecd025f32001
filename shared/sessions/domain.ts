import { z } from 'zod';

export const SESSION_KINDS = ['interview', 'focus_group', 'observation', 'case_tracking', 'telephone_call'] as const;
export const SessionKind = z.enum(SESSION_KINDS, { error: 'Choose a kind of session' });
export type SessionKind = z.infer<typeof SessionKind>;
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  interview: 'Interview',
  focus_group: 'Focus group',
  observation: 'Observation',
  case_tracking: 'Case tracking',
  telephone_call: 'Telephone call',
};

export const PARTICIPANT_GROUPS = ['system_leader', 'frontline_staff', 'healthwatch', 'vcse', 'provider', 'carer', 'person_using_services'] as const;
export const ParticipantGroup = z.enum(PARTICIPANT_GROUPS, { error: 'Choose a participant group' });
export type ParticipantGroup = z.infer<typeof ParticipantGroup>;
export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
  system_leader: 'System leader',
  frontline_staff: 'Frontline staff',
  healthwatch: 'Healthwatch',
  vcse: 'VCSE',
  provider: 'Provider',
  carer: 'Carer',
  person_using_services: 'Person using services',
};

export const SESSION_STATUSES = ['draft', 'final'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const STANCES = ['strength', 'concern', 'neutral'] as const;
export const Stance = z.enum(STANCES, { error: 'Stance is strength, concern or neutral' });
export type Stance = z.infer<typeof Stance>;
export const STANCE_LABELS: Record<Stance, string> = { strength: 'Strength', concern: 'Concern', neutral: 'Neutral' };

export const Participant = z.object({
  id: z.string(),
  designation: z.string(),
  organisationId: z.string().nullable(),
  group: ParticipantGroup,
  /** Sensitive: shown to the team in the app, never exported or reported. */
  realName: z.string().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const SessionSummary = z.object({
  id: z.string(),
  reviewId: z.string(),
  kind: SessionKind,
  title: z.string(),
  heldAt: z.string().nullable(),
  location: z.string(),
  interviewerIds: z.array(z.string()),
  kloeIds: z.array(z.string()),
  consentNoted: z.boolean(),
  status: SessionStatus,
  participants: z.array(Participant),
  wordCount: z.number().int(),
  /** Tags anchored in the notes: the session's evidence. */
  tagCount: z.number().int(),
  /** Tags whose words were deleted: kept to re-place or remove, never counted as evidence. */
  orphanedTagCount: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const Tag = z.object({
  id: z.string(),
  sessionId: z.string(),
  kloeIds: z.array(z.string()),
  stance: Stance,
  isQuote: z.boolean(),
  comment: z.string(),
  quote: z.string(),
  blockId: z.string().nullable(),
  startOffset: z.number().int().nullable(),
  endOffset: z.number().int().nullable(),
  orphaned: z.boolean(),
  /** The participant who said it; null when the session has several and nobody chose one. */
  speakerId: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Tag = z.infer<typeof Tag>;
