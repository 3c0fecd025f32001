import { z } from 'zod';
import { EvidenceItem, EvidenceKind, Sensitivity, Weight } from './domain';
import { Stance } from '../sessions/domain';
import { call, id, optionalText, requiredText } from '../api/call';
import { Passage } from '../sessions/contract';

/** Calls for the evidence log, attachments, the evidence matrix and SAF scores. */

export const LinkInput = z.object({ kloeId: z.uuid('Choose a KLOE'), stance: Stance.default('neutral'), weight: Weight.default('supporting') });
export const AttachmentInput = z.object({ name: z.string().min(1).max(255), dataBase64: z.string().max(280_000_000, 'An attachment is over 200 MB') });

const evidenceFields = {
  kind: EvidenceKind,
  title: requiredText('Title', 300),
  summary: optionalText(10_000),
  sourceOrganisationId: z.uuid().nullable(),
  date: z.iso.date({ error: 'Use a date like 2018-11-06' }).nullable(),
  collectedBy: z.uuid().nullable(),
  sensitivity: Sensitivity,
  evidenceCategoryId: z.uuid().nullable(),
};

export const MATRIX_COLUMNS = ['group', 'organisation', 'kind'] as const;
export const MatrixColumns = z.enum(MATRIX_COLUMNS);
export type MatrixColumns = z.infer<typeof MatrixColumns>;

const Balance = z.object({ count: z.number().int(), strength: z.number().int(), concern: z.number().int(), neutral: z.number().int() });
export type Balance = z.infer<typeof Balance>;
export const MATRIX_FLAGS = ['no_evidence', 'single_source', 'one_stance'] as const;

export const Matrix = z.object({
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(
    z.object({
      kloeId: z.string(),
      code: z.string(),
      title: z.string(),
      total: Balance,
      cells: z.record(z.string(), Balance),
      flags: z.array(z.enum(MATRIX_FLAGS)),
    }),
  ),
});
export type Matrix = z.infer<typeof Matrix>;

const RollUpSchema = z.object({
  scored: z.number().int(),
  unscored: z.number().int(),
  total: z.number().int(),
  maximum: z.number().int(),
  percentage: z.number().int().nullable(),
  band: z.enum(['inadequate', 'requires_improvement', 'good', 'outstanding']).nullable(),
});

export const Scores = z.object({
  statements: z.array(
    z.object({
      statementId: z.string(),
      code: z.string(),
      title: z.string(),
      groupId: z.string(),
      score: z.number().int().nullable(),
      rationale: z.string(),
      citedEvidenceIds: z.array(z.string()),
      /** The cited items' codes and titles, so the screen need not load the whole log. */
      cited: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), removed: z.boolean() })),
    }),
  ),
  groups: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), rollUp: RollUpSchema })),
  overall: RollUpSchema,
});
export type Scores = z.infer<typeof Scores>;

export const EVIDENCE_SORTS = ['code', 'title', 'kind', 'source', 'date'] as const;
export const EvidenceSort = z.enum(EVIDENCE_SORTS, { error: `Sort by one of: ${EVIDENCE_SORTS.join(', ')}` });
export type EvidenceSort = z.infer<typeof EvidenceSort>;

/** What the evidence log shows: filters and order applied in the database, a page at a time. */
export const EvidenceQuery = z.object({
  reviewId: id('Review'),
  /** Words in the title, summary or attachments' text, or a reference code such as E012. */
  text: z.string().trim().max(200, 'Keep the search under 200 characters').default(''),
  kind: EvidenceKind.nullable().default(null),
  kloeId: z.uuid().nullable().default(null),
  sourceOrganisationId: z.uuid().nullable().default(null),
  /** Only these reference codes (E012), e.g. to resolve codes a reviewer typed. */
  codes: z.array(z.string().max(20)).max(200).nullable().default(null),
  sort: EvidenceSort.default('code'),
  descending: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(500, 'At most 500 items a page').default(100),
  /** An item whose place in this order is wanted (to scroll to it). */
  focusId: z.uuid().nullable().default(null),
});
export type EvidenceQuery = z.input<typeof EvidenceQuery>;
export const EvidencePage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(EvidenceItem),
  /** Where focusId falls in this order (null when it does not match the filters). */
  focusIndex: z.number().int().nullable(),
});
export type EvidencePage = z.infer<typeof EvidencePage>;

export const evidenceCalls = {
  listEvidence: call(z.object({ reviewId: id('Review') }), z.array(EvidenceItem), "A review's whole evidence log, in reference order (screens use listEvidencePage)"),
  listEvidencePage: call(EvidenceQuery, EvidencePage, "A page of a review's evidence log, filtered and sorted, with the number of items that match"),
  addEvidence: call(
    z.object({
      reviewId: id('Review'),
      ...evidenceFields,
      summary: evidenceFields.summary.default(''),
      sourceOrganisationId: evidenceFields.sourceOrganisationId.default(null),
      date: evidenceFields.date.default(null),
      collectedBy: evidenceFields.collectedBy.default(null),
      sensitivity: evidenceFields.sensitivity.default('normal'),
      evidenceCategoryId: evidenceFields.evidenceCategoryId.default(null),
      links: z.array(LinkInput).max(100).default([]),
      attachments: z.array(AttachmentInput).max(20).default([]),
    }),
    EvidenceItem,
    'Log a piece of evidence (gets the next reference code), with its KLOE links and attachments',
  ),
  updateEvidence: call(
    z
      .object({ evidenceId: id('Evidence'), ...evidenceFields })
      .partial()
      .required({ evidenceId: true }),
    EvidenceItem,
    'Change an evidence item',
  ),
  setEvidenceLinks: call(z.object({ evidenceId: id('Evidence'), links: z.array(LinkInput).max(100) }), EvidenceItem, "Set an evidence item's KLOE links"),
  addAttachments: call(z.object({ evidenceId: id('Evidence'), attachments: z.array(AttachmentInput).min(1).max(20) }), EvidenceItem, 'Attach files to an evidence item'),
  removeEvidence: call(z.object({ evidenceId: id('Evidence') }), z.object({ removed: z.literal(true) }), 'Remove an evidence item (its reference code is never reused)'),
  checkAttachments: call(
    z.object({ reviewId: id('Review') }),
    z.array(z.object({ evidenceCode: z.string(), attachmentId: z.string(), originalName: z.string(), state: z.enum(['missing', 'altered']) })),
    'Check every stored attachment of a review is present and unaltered',
  ),
  readAttachment: call(
    z.object({ attachmentId: id('Attachment') }),
    z.object({ name: z.string(), mediaType: z.string(), dataBase64: z.string() }),
    'The content of an attachment, checked first',
  ),
  openAttachment: call(
    z.object({ attachmentId: id('Attachment') }),
    z.object({ opened: z.boolean(), refused: z.string().nullable() }),
    "Open an attachment read-only in the system's viewer (desktop app), only if its name and content pass the attachment rules; otherwise say why, to save a copy instead",
  ),
  getEvidenceMatrix: call(z.object({ reviewId: id('Review'), columns: MatrixColumns.default('group') }), Matrix, 'KLOEs × sources: counts, strength/concern balance and flags'),
  getMatrixCell: call(
    z.object({ reviewId: id('Review'), kloeId: id('KLOE'), columns: MatrixColumns, key: z.string().max(100).nullable() }),
    z.object({ evidence: z.array(EvidenceItem), passages: z.array(Passage) }),
    'The evidence and passages behind one matrix cell (key null = the whole row)',
  ),
  getScores: call(z.object({ reviewId: id('Review') }), Scores, 'SAF scores with the roll-up per key question and overall'),
  setScore: call(
    z.object({
      statementId: id('Quality statement'),
      score: z.number().int().min(1, 'Scores are 1 to 4').max(4, 'Scores are 1 to 4').nullable(),
      rationale: optionalText(10_000).default(''),
      citedEvidenceIds: z.array(z.uuid()).max(100).default([]),
    }),
    Scores,
    'Score a quality statement 1–4 (or clear it) with a rationale citing evidence',
  ),
} as const;
