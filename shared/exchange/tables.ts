import type { FieldKind } from './versions';

/**
 * The records a team bundle carries, in the order they can be written (a record after the ones it
 * refers to), with how each table's fields merge (see FieldKind) and what a person calls them.
 * Fields not named here are judgements or plain values: both sides changing one is a conflict.
 */
export interface SyncedTableSpec {
  readonly table: string;
  readonly label: string;
  /** The column that identifies a record (`id`, or `review_id` for one-per-review settings). */
  readonly key: string;
  /** SQL selecting the table's rows of review `@review` (alias `t`). */
  readonly scope: string;
  readonly text?: readonly string[];
  readonly doc?: readonly string[];
  readonly derived?: readonly string[];
  /** The field that names a record in summaries and the conflicts list. */
  readonly name?: string;
}

const byReview = 't.review_id = @review';
// Correlated lookups rather than `IN (SELECT …)`: the merge asks this of one row at a time, and an
// IN list is rebuilt for every such question (2 ms a row on the scale-L review's 5,000 evidence).
const bySession = 'EXISTS (SELECT 1 FROM sessions o WHERE o.id = t.session_id AND o.review_id = @review)';
const byEvidence = 'EXISTS (SELECT 1 FROM evidence o WHERE o.id = t.evidence_id AND o.review_id = @review)';

const TABLE_SPECS = [
  { table: 'reviews', label: 'review', key: 'id', scope: 't.id = @review', text: ['background'], name: 'title' },
  { table: 'team_members', label: 'team member', key: 'id', scope: byReview, text: ['background'], name: 'name' },
  { table: 'organisations', label: 'organisation', key: 'id', scope: byReview, name: 'name' },
  { table: 'framework_items', label: 'framework item', key: 'id', scope: byReview, text: ['description'], name: 'title' },
  { table: 'sessions', label: 'session', key: 'id', scope: byReview, text: ['title', 'location'], doc: ['notes_doc'], derived: ['word_count'], name: 'title' },
  { table: 'participants', label: 'participant', key: 'id', scope: bySession, name: 'designation' },
  {
    table: 'participant_identities',
    label: 'participant name',
    key: 'participant_id',
    scope: 'EXISTS (SELECT 1 FROM participants p JOIN sessions s ON s.id = p.session_id WHERE p.id = t.participant_id AND s.review_id = @review)',
  },
  {
    table: 'tags',
    label: 'tag',
    key: 'id',
    scope: byReview,
    text: ['comment'],
    // Where a tag sits is read again from the merged notes, so these follow the notes.
    derived: ['quote', 'block_id', 'start_offset', 'end_offset', 'doc_order', 'orphaned'],
    name: 'quote',
  },
  { table: 'evidence', label: 'evidence item', key: 'id', scope: byReview, text: ['title', 'summary'], name: 'title' },
  { table: 'evidence_attachments', label: 'attachment', key: 'id', scope: byEvidence, name: 'original_name' },
  { table: 'evidence_links', label: 'evidence link', key: 'id', scope: byEvidence },
  { table: 'saf_scores', label: 'score', key: 'id', scope: byReview, text: ['rationale'] },
  { table: 'audit_statements', label: 'audit statement', key: 'id', scope: byReview, text: ['text'], name: 'code' },
  { table: 'audit_respondents', label: 'audit respondent', key: 'id', scope: byReview, name: 'identifier' },
  { table: 'audit_answers', label: 'audit answer', key: 'id', scope: byReview, text: ['comment'] },
  { table: 'audit_settings', label: 'audit settings', key: 'review_id', scope: byReview },
  { table: 'indicators', label: 'indicator', key: 'id', scope: byReview, name: 'name' },
  { table: 'indicator_values', label: 'indicator value', key: 'id', scope: byReview, text: ['note'], name: 'period' },
  { table: 'action_items', label: 'action', key: 'id', scope: byReview, text: ['action'], name: 'action' },
  { table: 'action_progress', label: 'progress note', key: 'id', scope: byReview, text: ['text'], name: 'text' },
  { table: 'findings', label: 'finding', key: 'id', scope: byReview, doc: ['body'], derived: ['body_text', 'status_by', 'status_at', 'reopened'], name: 'body_text' },
  { table: 'finding_events', label: 'finding status change', key: 'id', scope: byReview, text: ['reason'] },
  { table: 'item_summaries', label: 'summary', key: 'id', scope: byReview, doc: ['body'], derived: ['body_text'], name: 'body_text' },
  { table: 'report_texts', label: 'report section', key: 'id', scope: byReview, doc: ['body'], derived: ['body_text'], name: 'section' },
] as const satisfies readonly SyncedTableSpec[];

/** The one list of synced tables: the SyncedTable type and every merge step derive from it. */
export const SYNCED_TABLES: readonly SyncedTableSpec[] = TABLE_SPECS;
/** A table whose rows travel between laptops (stamped with an hlc, merged by version). */
export type SyncedTable = (typeof TABLE_SPECS)[number]['table'];

const SPECS = new Map(SYNCED_TABLES.map((spec) => [spec.table, spec]));

export function tableSpec(table: string): SyncedTableSpec | undefined {
  return SPECS.get(table);
}

export function fieldKind(spec: SyncedTableSpec, field: string): FieldKind {
  if (spec.doc?.includes(field)) return 'doc';
  if (spec.text?.includes(field)) return 'text';
  if (spec.derived?.includes(field)) return 'derived';
  return 'value';
}
