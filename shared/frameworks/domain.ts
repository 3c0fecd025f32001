import { z } from 'zod';
import { ReviewKind } from '../reviews/domain';

/**
 * A framework is the review's lines of enquiry as a tree: journey stages, key questions, themes,
 * KLOEs, quality statements, with prompts under them. Each review holds its own editable copy.
 */
export const FRAMEWORK_ITEM_KINDS = ['journey_stage', 'key_question', 'theme', 'kloe', 'quality_statement', 'prompt', 'evidence_category', 'priority_group'] as const;
export const FrameworkItemKind = z.enum(FRAMEWORK_ITEM_KINDS);
export type FrameworkItemKind = z.infer<typeof FrameworkItemKind>;

export const FRAMEWORK_ITEM_KIND_LABELS: Record<FrameworkItemKind, string> = {
  journey_stage: 'Journey stage',
  key_question: 'Key question',
  theme: 'Theme',
  kloe: 'Key line of enquiry',
  quality_statement: 'Quality statement',
  prompt: 'Prompt',
  evidence_category: 'Evidence category',
  priority_group: 'Priority group',
};

/** The four ratings, best first, as CQC names them. */
export const RATINGS = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export const RATING_LABELS: Record<(typeof RATINGS)[number], string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `is over ${max} characters`);

/** What an item looks like at each rating (the 2026 frameworks write them for every KLOE). */
export const RatingCharacteristics = z.strictObject({
  outstanding: text(8000).optional(),
  good: text(8000).optional(),
  requires_improvement: text(8000).optional(),
  inadequate: text(8000).optional(),
});
export type RatingCharacteristics = z.infer<typeof RatingCharacteristics>;

/** One item of a framework file (resources/frameworks/*.json, or one a user imports). */
export interface FrameworkSourceItem {
  kind: FrameworkItemKind;
  code: string;
  title: string;
  description?: string | undefined;
  /** True where the wording is Fieldbook's own rather than taken from CQC's published material. */
  ours: boolean;
  ratingCharacteristics?: RatingCharacteristics | undefined;
  /** Where this item's wording comes from, where it differs from the framework's source. */
  source?: string | undefined;
  children?: FrameworkSourceItem[] | undefined;
}

export const FrameworkSourceItem: z.ZodType<FrameworkSourceItem> = z.lazy(() =>
  z.strictObject({
    kind: FrameworkItemKind,
    code: text(20).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'is letters, digits, dots, dashes or underscores'),
    title: text(500),
    description: z.string().max(4000, 'is over 4000 characters').optional(),
    ours: z.boolean(),
    ratingCharacteristics: RatingCharacteristics.optional(),
    source: text(1000).optional(),
    children: z.array(FrameworkSourceItem).max(500, 'has over 500 items').optional(),
  }),
);

/** Rating characteristics as a framework item row holds them: JSON, or '' for none. */
export function characteristicsFromText(text: string): RatingCharacteristics | null {
  if (!text) return null;
  try {
    const parsed = RatingCharacteristics.safeParse(JSON.parse(text));
    return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
}

export const FRAMEWORK_STATUSES = ['draft', 'final'] as const;

/**
 * A framework file, format 1 (docs/framework-format.md): a tree of items with the framework's
 * name, version, status, publication date and source. The files shipped in resources/frameworks
 * and the ones users import are checked by the same schema.
 */
export const FrameworkSource = z.strictObject({
  format: z.literal(1, 'format must be 1 (this version of Fieldbook reads framework format 1)').default(1),
  id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'is lower-case letters, digits and dashes (at most 60)'),
  name: text(200),
  version: z.number().int().positive(),
  status: z.enum(FRAMEWORK_STATUSES, 'status is draft or final').default('final'),
  /** When the framework's publisher published this version (YYYY-MM-DD). */
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'is a date as YYYY-MM-DD')
    .optional(),
  /** Where the content comes from: a document's title, publisher and address. */
  source: text(1000).optional(),
  reviewKinds: z.array(ReviewKind).min(1),
  /** Where the content comes from and which parts are Fieldbook's wording. */
  provenance: text(4000),
  items: z.array(FrameworkSourceItem).min(1).max(500, 'has over 500 items'),
});
export type FrameworkSource = z.infer<typeof FrameworkSource>;

export const FrameworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  status: z.enum(FRAMEWORK_STATUSES),
  published: z.string().nullable(),
  source: z.string().nullable(),
  /** Shipped with Fieldbook, or imported by a user on this laptop. */
  origin: z.enum(['shipped', 'imported']),
  reviewKinds: z.array(ReviewKind),
  provenance: z.string(),
  itemCount: z.number().int(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

/** A framework item as held in one review. */
export const FrameworkItem = z.object({
  id: z.string(),
  reviewId: z.string(),
  parentId: z.string().nullable(),
  kind: FrameworkItemKind,
  code: z.string(),
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  retired: z.boolean(),
  ours: z.boolean(),
  /** As the framework file gave them when the review was set up; null where it gave none. */
  ratingCharacteristics: RatingCharacteristics.nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type FrameworkItem = z.infer<typeof FrameworkItem>;

/** Which kinds may sit under which: keeps user edits to a framework shaped like a framework. */
export const CHILD_KINDS: Record<FrameworkItemKind | 'root', readonly FrameworkItemKind[]> = {
  root: ['journey_stage', 'key_question', 'theme', 'priority_group', 'evidence_category'],
  journey_stage: ['kloe', 'key_question'],
  key_question: ['kloe', 'quality_statement'],
  theme: ['kloe', 'quality_statement', 'prompt'],
  kloe: ['prompt'],
  quality_statement: ['prompt'],
  prompt: [],
  evidence_category: [],
  priority_group: [],
};
