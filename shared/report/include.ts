import { z } from 'zod';
import type { FindingStatus } from '../findings/domain';

/**
 * Which findings a report holds: the agreed ones only, or drafts too (then each draft and "ready
 * for review" finding is marked in the text and every page carries a DRAFT header). The default
 * is agreed-only as soon as the team has agreed anything, so a report cannot carry an unagreed
 * finding without someone asking for it.
 */
export const ReportInclude = z.enum(['agreed', 'drafts'], { error: 'include is "agreed" or "drafts"' });
export type ReportInclude = z.infer<typeof ReportInclude>;

export type StatusCounts = Record<FindingStatus, number>;

export function defaultInclude(counts: StatusCounts): ReportInclude {
  return counts.agreed > 0 ? 'agreed' : 'drafts';
}

export function includesStatus(include: ReportInclude, status: FindingStatus): boolean {
  return include === 'drafts' || status === 'agreed';
}

/** How many findings of each status go into the report with this choice. */
export function includedCounts(counts: StatusCounts, include: ReportInclude): StatusCounts {
  return include === 'agreed' ? { draft: 0, ready: 0, agreed: counts.agreed } : { ...counts };
}

/** The mark a finding carries in the text when it is not agreed. */
export const STATUS_MARKS: Record<FindingStatus, string> = { draft: '[Draft] ', ready: '[Ready for review] ', agreed: '' };

/** The line every page of a report holding unagreed findings carries. */
export const DRAFT_HEADER = 'DRAFT: includes findings the team has not agreed';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "2 agreed findings, 1 finding ready for review and 3 draft findings" (what goes in). */
export function countsSentence(counts: StatusCounts): string {
  const parts = [
    counts.agreed ? plural(counts.agreed, 'agreed finding', 'agreed findings') : '',
    counts.ready ? plural(counts.ready, 'finding ready for review', 'findings ready for review') : '',
    counts.draft ? plural(counts.draft, 'draft finding', 'draft findings') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'no findings';
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}
