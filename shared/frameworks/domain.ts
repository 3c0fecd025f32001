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

/** One item of a framework as shipped in resources/frameworks/*.json. */
export interface FrameworkSourceItem {
  kind: FrameworkItemKind;
  code: string;
  title: string;
  description?: string | undefined;
  /** True where the wording is Fieldbook's own rather than taken from CQC's published material. */
  ours: boolean;
  children?: FrameworkSourceItem[] | undefined;
}

export const FrameworkSourceItem: z.ZodType<FrameworkSourceItem> = z.lazy(() =>
  z.strictObject({
    kind: FrameworkItemKind,
    code: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    ours: z.boolean(),
    children: z.array(FrameworkSourceItem).optional(),
  }),
);

export const FrameworkSource = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  version: z.number().int().positive(),
  reviewKinds: z.array(ReviewKind).min(1),
  /** Where the content comes from and which parts are Fieldbook's wording. */
  provenance: z.string().min(1),
  items: z.array(FrameworkSourceItem).min(1),
});
export type FrameworkSource = z.infer<typeof FrameworkSource>;

export const FrameworkSummary = z.object({
  id: z.string(),
  name: z.string(),
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
