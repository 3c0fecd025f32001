import { z } from 'zod';
import { FindingKind, FindingStatus, FindingsItem } from './domain';
import { ActionPriority } from '../data-profile/domain';
import { CitationAttrs, FindingDocSchema } from './doc';
import { call, id } from '../api/call';

const Findings = z.array(FindingsItem);

export const findingsCalls = {
  listFindings: call(z.object({ reviewId: id('Review') }), Findings, 'Every KLOE, theme and quality statement with its summary and findings'),
  addFinding: call(
    z.object({ reviewId: id('Review'), itemId: id('KLOE or theme'), kind: FindingKind, priority: ActionPriority.nullable().default(null), doc: FindingDocSchema.optional() }),
    Findings,
    'Start a finding (a draft) under a KLOE or theme',
  ),
  saveFinding: call(
    z.object({ findingId: id('Finding'), doc: FindingDocSchema.optional(), kind: FindingKind.optional(), priority: ActionPriority.nullable().optional() }),
    Findings,
    "Save a finding's text, kind or priority (an agreed finding goes back to ready for review)",
  ),
  citeInFinding: call(z.object({ findingId: id('Finding'), citation: CitationAttrs }), Findings, "Add a citation at the end of a finding's text (from the evidence matrix)"),
  setFindingStatus: call(z.object({ findingId: id('Finding'), status: FindingStatus }), Findings, 'Move a finding: draft → ready for review → agreed (or back)'),
  removeFinding: call(z.object({ findingId: id('Finding'), removed: z.boolean().default(true) }), Findings, 'Remove a finding (or bring it back)'),
  removeEmptyFindings: call(
    z.object({ reviewId: id('Review'), itemId: id('KLOE or theme') }),
    Findings,
    'Drop the drafts under a KLOE or theme that hold no words and no citation (when the reviewer moves on)',
  ),
  saveSummary: call(z.object({ reviewId: id('Review'), itemId: id('KLOE or theme'), doc: FindingDocSchema }), Findings, 'Save the summary of one KLOE or theme'),
} as const;
