import { z } from 'zod';
import { ActionPriority } from '../data-profile/domain';
import { CitationKind } from './doc';

export const FINDING_KINDS = ['strength', 'improvement', 'progress_made', 'still_needed'] as const;
export const FindingKind = z.enum(FINDING_KINDS, { error: 'Kind is strength, improvement, progress_made or still_needed' });
export type FindingKind = z.infer<typeof FindingKind>;
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  strength: 'Strength',
  improvement: 'Area for improvement',
  progress_made: 'Progress made',
  still_needed: 'Improvement still needed',
};
/** Progress made / still needed belong to progress reviews only. */
export const PROGRESS_KINDS: readonly FindingKind[] = ['progress_made', 'still_needed'];

export const FINDING_STATUSES = ['draft', 'ready', 'agreed'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { draft: 'Draft', ready: 'Ready for review', agreed: 'Agreed' };

/** Framework items findings are written against: KLOEs, themes, quality statements. */
export const FINDING_ITEM_KINDS = ['kloe', 'theme', 'quality_statement'] as const;

export const Citation = z.object({
  kind: CitationKind,
  targetId: z.string(),
  label: z.string(),
  /** What the citation points at, for the hover card: an evidence title or a passage's quote. */
  source: z
    .object({
      title: z.string(),
      text: z.string(),
      sessionId: z.string().nullable(),
      /** A passage whose words were deleted from the notes: no longer evidence (a warning). */
      orphaned: z.boolean(),
      /** The citation's label now: the evidence code, or who said the passage and when. */
      label: z.string(),
    })
    .nullable(),
});
export type Citation = z.infer<typeof Citation>;

export const Finding = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: FindingKind,
  priority: ActionPriority.nullable(),
  doc: z.unknown(),
  text: z.string(),
  status: FindingStatus,
  statusBy: z.string(),
  statusAt: z.string(),
  reopened: z.boolean(),
  citations: z.array(Citation),
  history: z.array(z.object({ status: FindingStatus, reason: z.string(), by: z.string(), at: z.string() })),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const FindingsItem = z.object({
  itemId: z.string(),
  code: z.string(),
  title: z.string(),
  kind: z.string(),
  summary: z.object({ doc: z.unknown(), text: z.string() }).nullable(),
  findings: z.array(Finding),
});
export type FindingsItem = z.infer<typeof FindingsItem>;
