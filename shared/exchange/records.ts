import { z } from 'zod';
import { AuditDomain, AuditRole } from '../relational-audit/domain';
import { EvidenceKind, Sensitivity, Weight } from '../evidence/domain';
import { FindingKind, FindingStatus } from '../findings/domain';
import { FrameworkItemKind, characteristicsFromText } from '../frameworks/domain';
import { ActionPriority, ActionStatus, IndicatorCode, IndicatorFlag } from '../data-profile/domain';
import { ReviewKind, Sector, TeamRole } from '../reviews/domain';
import { ParticipantGroup, SessionKind, SessionStatus, Stance } from '../sessions/domain';

/**
 * What a record of each synced table may hold, as its working row's columns: the same rules as
 * the API's own writes (enums, lengths, formats), so a teammate's bundle can never write a row
 * the app then cannot read (an evidence kind "not_a_kind" once merged, and every later list of
 * the evidence failed). Checked for every record before anything of a bundle is written.
 * Fields added by later versions of Fieldbook are optional: older records do not carry them.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const Id = z.string().regex(UUID, 'not an id');
const Bool = z.union([z.literal(0), z.literal(1)], { error: 'not 0 or 1' });
const Int = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const Text = (max: number) => z.string().max(max, `longer than ${max} characters`);
const Required = (max: number) => Text(max).refine((text) => text.trim() !== '', 'empty');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date like 2018-11-06');
const Month = z.string().regex(/^\d{4}-\d{2}$/, 'not a month like 2018-07');
const LocalTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'not a date and time like 2018-11-06T10:30');
const Instant = Text(40);
/** A JSON array of ids, as the working tables keep lists (one field, so a merge sees one change). */
const IdList = (min: number, max: number) =>
  Text(max * 40 + 2).refine(
    (text) => {
      try {
        const list: unknown = JSON.parse(text);
        return Array.isArray(list) && list.length >= min && list.length <= max && list.every((x) => typeof x === 'string' && UUID.test(x));
      } catch {
        return false;
      }
    },
    `not a list of ${min > 0 ? `${min} to ` : 'up to '}${max} ids`,
  );
/** Notes and finding documents are checked as documents apart (see the merge's document check). */
const Document = Text(20_000_000);

const sync = { deleted: Bool };
const ofReview = { id: Id, review_id: Id };

export const RECORD_SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  reviews: z.strictObject({
    id: Id,
    title: Required(200),
    kind: ReviewKind,
    area: Required(120),
    visit_start: Day.nullable(),
    visit_end: Day.nullable(),
    background: Text(20_000),
    framework_id: Required(200),
    framework_name: Required(500),
    archived: Bool,
    retention_until: Day.nullable().optional(),
    ...sync,
  }),
  team_members: z.strictObject({ ...ofReview, name: Required(120), role: TeamRole, background: Text(200), ...sync }),
  organisations: z.strictObject({ ...ofReview, name: Required(200), short_name: Required(20), sector: Sector, ...sync }),
  framework_items: z.strictObject({
    ...ofReview,
    parent_id: Id.nullable(),
    kind: FrameworkItemKind,
    code: Text(20),
    title: Required(500),
    description: Text(4000),
    position: Int,
    retired: Bool,
    ours: Bool,
    source_code: Text(50).nullable(),
    // Added in schema 17: rating characteristics as JSON ('' for none), the same rules as a framework file's.
    characteristics: Text(40_000)
      .refine((text) => text === '' || characteristicsFromText(text) !== null, 'not rating characteristics')
      .optional(),
    ...sync,
  }),
  sessions: z.strictObject({
    ...ofReview,
    kind: SessionKind,
    title: Required(200),
    held_at: LocalTime.nullable(),
    location: Text(200),
    interviewer_ids: IdList(0, 20),
    kloe_ids: IdList(0, 100),
    consent_noted: Bool,
    status: SessionStatus,
    notes_doc: Document,
    word_count: Int.min(0),
    ...sync,
  }),
  participants: z.strictObject({ id: Id, session_id: Id, designation: Required(200), organisation_id: Id.nullable(), participant_group: ParticipantGroup, ...sync }),
  participant_identities: z.strictObject({ participant_id: Id, real_name: Text(200), ...sync }),
  tags: z.strictObject({
    ...ofReview,
    session_id: Id,
    stance: Stance,
    is_quote: Bool,
    comment: Text(2000),
    kloe_ids: IdList(1, 20),
    quote: Text(200_000),
    block_id: Text(100).nullable(),
    start_offset: Int.nullable(),
    end_offset: Int.nullable(),
    doc_order: Int,
    orphaned: Bool,
    speaker_id: Id.nullable().optional(),
    ...sync,
  }),
  evidence: z.strictObject({
    ...ofReview,
    ref_number: Int.min(1),
    kind: EvidenceKind,
    title: Required(300),
    summary: Text(10_000),
    source_organisation_id: Id.nullable(),
    evidence_date: Day.nullable(),
    collected_by: Id.nullable(),
    sensitivity: Sensitivity,
    evidence_category_id: Id.nullable(),
    ...sync,
  }),
  evidence_attachments: z.strictObject({ id: Id, evidence_id: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256'), original_name: Required(255), ...sync }),
  evidence_links: z.strictObject({ id: Id, evidence_id: Id, kloe_id: Id, stance: Stance, weight: Weight, ...sync }),
  saf_scores: z.strictObject({ ...ofReview, statement_id: Id, score: Int.min(1).max(4).nullable(), rationale: Text(10_000), cited_evidence_ids: IdList(0, 200), ...sync }),
  audit_statements: z.strictObject({ ...ofReview, code: Required(20), domain: AuditDomain, text: Required(500), reversed: Bool, position: Int, retired: Bool, ...sync }),
  audit_respondents: z.strictObject({ ...ofReview, identifier: Required(60), organisation_id: Id, role: AuditRole, ...sync }),
  audit_answers: z.strictObject({ ...ofReview, respondent_id: Id, statement_id: Id, about_organisation_id: Id, score: Int.min(1).max(5).nullable(), comment: Text(4000), ...sync }),
  audit_settings: z.strictObject({ review_id: Id, min_respondents: Int.min(1).max(50), ...sync }),
  indicators: z.strictObject({ ...ofReview, code: IndicatorCode, name: Required(200), unit: Text(120), lower_is_better: Bool, built_in: Bool, position: Int, ...sync }),
  indicator_values: z.strictObject({
    ...ofReview,
    indicator_id: Id,
    period: Required(20),
    period_start: Month,
    period_months: z.union([z.literal(1), z.literal(3)]),
    area: z.number().finite(),
    england: z.number().finite().nullable(),
    comparator: z.number().finite().nullable(),
    flag: IndicatorFlag.nullable(),
    demo: Bool,
    note: Text(500),
    ...sync,
  }),
  action_items: z.strictObject({
    ...ofReview,
    ref_number: Int.min(1),
    theme_item_id: Id,
    priority: ActionPriority,
    action: Required(2000),
    owner_ids: IdList(0, 50),
    due: Day.nullable(),
    status: ActionStatus,
    ...sync,
  }),
  action_progress: z.strictObject({ ...ofReview, action_id: Id, note_date: Day, text: Required(4000), evidence_ids: IdList(0, 50), ...sync }),
  findings: z.strictObject({
    ...ofReview,
    item_id: Id,
    kind: FindingKind,
    priority: ActionPriority.nullable(),
    body: Document,
    body_text: Document,
    status: FindingStatus,
    status_by: Text(200),
    status_at: Instant,
    reopened: Bool,
    position: Int,
    ...sync,
  }),
  finding_events: z.strictObject({ ...ofReview, finding_id: Id, status: FindingStatus, reason: Text(200), person_id: Text(200), at: Instant, ...sync }),
  item_summaries: z.strictObject({ ...ofReview, item_id: Id, body: Document, body_text: Document, ...sync }),
  report_texts: z.strictObject({ ...ofReview, section: z.enum(['reflections']), body: Document, body_text: Document, ...sync }),
};

/** What is wrong with a record's fields for its table ("kind: not one of …"), or null. */
export function recordProblem(table: string, data: unknown): string | null {
  const schema = RECORD_SCHEMAS[table];
  if (!schema) return `no records of "${table}" are exchanged`;
  const checked = schema.safeParse(data);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const value = field ? (data as Record<string, unknown>)[field] : undefined;
  const shown = typeof value === 'string' ? ` (${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? '…' : ''})` : value === undefined ? '' : ` (${JSON.stringify(value)})`;
  return `${field || 'the record'}${shown}: ${issue?.code === 'unrecognized_keys' ? `has a field this Fieldbook does not know (${(issue as { keys?: string[] }).keys?.join(', ') ?? ''})` : (issue?.message ?? 'not as expected')}`;
}
