import { z } from 'zod';
import { FindingDocSchema } from '../findings/doc';
import { call, id } from '../api/call';
import { ReportInclude } from './include';

/** Calls for the report: the sections written for the whole review, and exports as jobs. */

export const CitationProblem = z.object({ where: z.string(), label: z.string(), quote: z.string(), reason: z.enum(['words_deleted', 'removed']) });
export type CitationProblem = z.infer<typeof CitationProblem>;
const ReportTexts = z.object({ reflections: z.object({ doc: z.unknown(), text: z.string() }).nullable() });

const StatusCountsSchema = z.object({ draft: z.number(), ready: z.number(), agreed: z.number() });

export const reportCalls = {
  getReportChoices: call(
    z.object({ reviewId: id('Review') }),
    z.object({ findings: StatusCountsSchema, include: ReportInclude }),
    'What an export can hold: findings with words by status, and the default choice (agreed only once any is agreed)',
  ),
  getReportTexts: call(z.object({ reviewId: id('Review') }), ReportTexts, 'The report sections written for the whole review (reflections of system leaders)'),
  saveReportText: call(z.object({ reviewId: id('Review'), section: z.enum(['reflections']), doc: FindingDocSchema }), ReportTexts, 'Save a review-wide report section'),
  startReportExport: call(
    z.object({
      reviewId: id('Review'),
      format: z.enum(['docx', 'pdf', 'html', 'md']),
      allowNames: z.array(z.string().max(200)).max(500).default([]),
      /** Exact passage labels to keep although they would single out one person ("Discharge coordinator (WUH)"). */
      allowLabels: z.array(z.string().max(200)).max(500).default([]),
      template: z.object({ name: z.string().max(255), dataBase64: z.string().max(70_000_000, 'The template is over 50 MB') }).optional(),
      /** Agreed findings only, or drafts too (marked); absent: agreed-only once anything is agreed. */
      include: ReportInclude.optional(),
    }),
    z.object({ jobId: z.string() }),
    'Start exporting the report (names check first); poll getReportExportStatus for progress',
  ),
  getReportExportStatus: call(
    /** waitMs: answer at the job's next change, or after this long, rather than at once. */
    z.object({ jobId: id('Export'), waitMs: z.number().int().min(0).max(5000).default(0) }),
    z.object({
      state: z.enum(['running', 'blocked', 'done', 'failed', 'cancelled']),
      progress: z.number(),
      step: z.string(),
      names: z.array(z.object({ name: z.string(), kind: z.enum(['recorded', 'quoted']), context: z.string() })),
      /** Citations of removed items or of passages whose words were deleted: resolve, then export. */
      citations: z.array(CitationProblem),
      /** Passage labels the report made coarser so that nobody is singled out. */
      labels: z.array(z.object({ exact: z.string(), coarse: z.string() })),
      error: z.string(),
      result: z.object({ fileName: z.string(), mediaType: z.string(), dataBase64: z.string() }).nullable(),
    }),
    'Progress of an export; a finished report is handed over once',
  ),
  cancelReportExport: call(z.object({ jobId: id('Export') }), z.object({ cancelled: z.boolean() }), 'Cancel an export: nothing is written'),
} as const;
