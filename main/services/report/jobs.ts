import type { CitationProblem } from '../../../shared/report/contract';
import type { CoarsenedLabel } from './citations';
import type { NameFound } from '../../../shared/report/names';
import { isFieldbookError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { AppContext, Handlers } from '../../platform/context';
import { ExportCancelled } from './report-model';
import { buildReport, type ReportFormat } from './export';
import type { ReportInclude } from '../../../shared/report/include';

/**
 * Report exports as jobs: started, polled for progress, cancellable. The work runs in the main
 * process between awaits (charts are drawn one at a time), so the window never freezes and a
 * cancel is seen at the next step. A finished report is handed over once, then forgotten.
 */
interface Job {
  /** When it stopped running: an uncollected result is dropped 10 minutes later. */
  endedAt: number | null;
  state: 'running' | 'blocked' | 'done' | 'failed' | 'cancelled';
  progress: number;
  step: string;
  cancel: boolean;
  names: NameFound[];
  citations: CitationProblem[];
  labels: CoarsenedLabel[];
  error: string;
  result: { fileName: string; mediaType: string; dataBase64: string } | null;
  /** Status questions waiting for the next change (see getReportExportStatus's waitMs). */
  waiting: Array<() => void>;
}
const jobs = new Map<string, Job>();

const EXTENSIONS: Record<ReportFormat, string> = { docx: 'docx', pdf: 'pdf', html: 'html', md: 'md' };

const KEEP_MS = 10 * 60_000;

/** Forgets results nobody collected (a closed dialog or window), so they do not pile up in memory. */
function sweep(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.endedAt !== null && now - job.endedAt > KEEP_MS) jobs.delete(id);
}

function start(
  context: AppContext,
  request: {
    reviewId: string;
    format: ReportFormat;
    allowNames: string[];
    allowLabels: string[];
    template?: { name: string; bytes: Uint8Array } | undefined;
    fileName: string;
    include?: ReportInclude | undefined;
  },
): string {
  sweep();
  const id = newId();
  const job: Job = {
    endedAt: null,
    state: 'running',
    progress: 0,
    step: 'Starting',
    cancel: false,
    names: [],
    citations: [],
    labels: [],
    error: '',
    result: null,
    waiting: [],
  };
  jobs.set(id, job);
  const changed = () => job.waiting.splice(0).forEach((wake) => wake());
  const control = {
    progress: (fraction: number, step: string) => {
      Object.assign(job, { progress: fraction, step });
      changed();
    },
    cancelled: () => job.cancel,
  };
  const settle = (update: Partial<Job>) => {
    Object.assign(job, { ...update, endedAt: Date.now() });
    changed();
  };
  buildReport(
    context,
    {
      reviewId: request.reviewId,
      format: request.format,
      template: request.template,
      allowNames: request.allowNames,
      allowLabels: request.allowLabels,
      include: request.include,
      inlineImages: true,
    },
    control,
  ).then(
    (result) => {
      if (job.cancel) return settle({ state: 'cancelled' });
      if (result.blocked) return settle({ state: 'blocked', names: result.names, citations: result.citations });
      settle({
        state: 'done',
        progress: 1,
        step: 'Done',
        names: result.names,
        labels: result.labels,
        result: { fileName: `${request.fileName}.${EXTENSIONS[request.format]}`, mediaType: result.mediaType, dataBase64: result.bytes.toString('base64') },
      });
    },
    (error: unknown) => {
      if (error instanceof ExportCancelled || job.cancel) return settle({ state: 'cancelled' });
      settle({ state: 'failed', error: isFieldbookError(error) ? error.message : `The export failed: ${(error as Error).message}` });
    },
  );
  return id;
}

export const reportJobHandlers: Handlers<'startReportExport' | 'getReportExportStatus' | 'cancelReportExport'> = {
  startReportExport: ({ reviewId, format, allowNames, allowLabels, template, include }, context) => {
    const review = context.store.prepare('SELECT title FROM reviews WHERE id = ?').get(reviewId) as { title: string } | undefined;
    const fileName =
      (review?.title ?? 'report')
        .replace(/[^\w\- ]+/g, '')
        .trim()
        .replace(/\s+/g, '-') || 'report';
    return {
      jobId: start(context, {
        reviewId,
        format,
        allowNames,
        allowLabels,
        include,
        fileName,
        template: template ? { name: template.name, bytes: Buffer.from(template.dataBase64, 'base64') } : undefined,
      }),
    };
  },
  getReportExportStatus: async ({ jobId, waitMs }) => {
    // A running job answers at its next change (or after waitMs): the dialog hears of the end the
    // moment it comes, instead of at its next poll.
    const running = jobs.get(jobId);
    if (running?.state === 'running' && waitMs > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        running.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    const job = jobs.get(jobId);
    if (!job)
      return {
        state: 'failed' as const,
        progress: 0,
        step: '',
        names: [],
        citations: [],
        labels: [],
        error: 'That export is no longer known (it finished and was collected, or Fieldbook restarted).',
        result: null,
      };
    if (job.state !== 'running') jobs.delete(jobId);
    return { state: job.state, progress: job.progress, step: job.step, names: job.names, citations: job.citations, labels: job.labels, error: job.error, result: job.result };
  },
  cancelReportExport: ({ jobId }) => {
    const job = jobs.get(jobId);
    if (job) job.cancel = true;
    return { cancelled: job !== undefined };
  },
};
