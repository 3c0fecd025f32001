import path from 'node:path';
import { invalid } from '../../../shared/errors';
import { reportHtml } from '../../../shared/report/html';
import { reportMarkdown } from '../../../shared/report/markdown';
import type { ReportModel } from '../../../shared/report/model';
import { findNames, type NameFound } from '../../../shared/report/names';
import { readResource } from '../../resources';
import { writeFileAtomically } from '../../store/files';
import { findReview } from '../reviews/reviews-table';
import type { Store } from '../../store/store';
import type { AppContext } from '../../platform/context';
import { printWithChromium } from '../../infra/pdf';
import { renderDocx } from './docx';
import type { CoarsenedLabel } from './citations';
import type { CitationProblem } from '../../../shared/report/contract';
import { listFindings } from '../findings/findings';
import { findingStatusCounts, reportModel, type ExportControl } from './report-model';
import { defaultInclude, includedCounts, type ReportInclude, type StatusCounts } from '../../../shared/report/include';

export type ReportFormat = 'docx' | 'pdf' | 'html' | 'md';

export interface ReportRequest {
  reviewId: string;
  format: ReportFormat;
  /** A user's template (.docx); the default for the review's kind otherwise. */
  template?: { name: string; bytes: Uint8Array } | undefined;
  /** Names found by the check that the user lets through (lower-cased), or 'all'. */
  allowNames: readonly string[] | 'all';
  /** Exact passage labels the writer lets through although they would single out one person. */
  allowLabels?: readonly string[] | 'all';
  /** Agreed findings only, or drafts too; absent: agreed-only once any finding is agreed. */
  include?: ReportInclude | undefined;
  /** Markdown with its charts as data URIs (one file to download) rather than files beside it. */
  inlineImages?: boolean;
}

export type ReportResult =
  | { blocked: true; names: NameFound[]; citations: CitationProblem[] }
  | {
      blocked: false;
      bytes: Buffer;
      extraFiles: Array<{ name: string; bytes: Buffer }>;
      names: NameFound[];
      labels: CoarsenedLabel[];
      mediaType: string;
      /** The choice made and how many findings of each status went in. */
      include: ReportInclude;
      included: StatusCounts;
      /** Findings with words the review holds, by status (what was left out is the difference). */
      counts: StatusCounts;
    };

export function defaultTemplate(store: Store, reviewId: string): { name: string; bytes: Uint8Array } {
  const kind = findReview(store, reviewId)?.kind;
  const name = kind === 'progress_review' ? 'progress-review.docx' : 'local-system-review.docx';
  return { name, bytes: readResource('templates', name) };
}

/** Every string of the report, for the names check. */
function textsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) textsOf(item, into);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) for (const child of Object.values(value)) textsOf(child, into);
  return into;
}

/** Runs the names check on a report: recorded real names and names inside quotes. */
export function checkNames(store: Store, reviewId: string, model: ReportModel, allowed: readonly string[] | 'all'): NameFound[] {
  const realNames = (
    store
      .prepare(
        'SELECT i.real_name FROM participant_identities i JOIN participants p ON p.id = i.participant_id JOIN sessions s ON s.id = p.session_id WHERE s.review_id = ? AND i.deleted = 0',
      )
      .all(reviewId) as Array<{ real_name: string }>
  ).map((r) => r.real_name);
  const known = [
    ...(store.prepare('SELECT name, short_name FROM organisations WHERE review_id = ?').all(reviewId) as Array<{ name: string; short_name: string }>).flatMap((o) => [
      o.name,
      o.short_name,
    ]),
    ...(store.prepare('SELECT title FROM framework_items WHERE review_id = ?').all(reviewId) as Array<{ title: string }>).map((f) => f.title),
    model.area,
    model.title,
  ];
  const found = findNames(textsOf({ ...model, charts: [] }), realNames, known, new Set(allowed === 'all' ? [] : allowed.map((n) => n.toLowerCase())));
  return found;
}

const MEDIA: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html',
  md: 'text/markdown',
};

/**
 * Builds a report in one format. The names check runs on the report's content first: if it finds
 * names that were not allowed, nothing is rendered and they are returned for the user to resolve.
 */
export async function buildReport(context: AppContext, request: ReportRequest, control: ExportControl, baseName = 'report'): Promise<ReportResult> {
  const store = context.store;
  const listed = listFindings(store, request.reviewId);
  const counts = findingStatusCounts(listed);
  const include = request.include ?? defaultInclude(counts);
  const { model, citations, labels } = await reportModel(store, request.reviewId, control, { allowLabels: request.allowLabels ?? [], include, listed });
  control.progress(0.85, 'Checking for names');
  const names = checkNames(store, request.reviewId, model, request.allowNames);
  // A citation the report cannot stand behind is never let through: the writer resolves it.
  if ((names.length > 0 && request.allowNames !== 'all') || citations.length > 0) return { blocked: true, names: request.allowNames === 'all' ? [] : names, citations };
  control.progress(0.9, `Writing the ${request.format.toUpperCase()}`);
  const dataUris = new Map(model.charts.map((c) => [c.key, `data:image/png;base64,${Buffer.from(c.png).toString('base64')}`]));
  let bytes: Buffer;
  const extraFiles: Array<{ name: string; bytes: Buffer }> = [];
  if (request.format === 'docx') {
    const template = request.template ?? defaultTemplate(store, request.reviewId);
    bytes = renderDocx(template.bytes, model, template.name);
  } else if (request.format === 'html') {
    bytes = Buffer.from(reportHtml(model, dataUris));
  } else if (request.format === 'md') {
    const files = request.inlineImages ? dataUris : new Map(model.charts.map((c) => [c.key, `${baseName}-charts/${c.key}.png`]));
    if (!request.inlineImages) for (const c of model.charts) extraFiles.push({ name: files.get(c.key) ?? '', bytes: Buffer.from(c.png) });
    bytes = Buffer.from(reportMarkdown(model, files));
  } else {
    const html = reportHtml(model, dataUris);
    bytes = context.printPdf ? await context.printPdf(html) : await printWithChromium(html);
  }
  if (control.cancelled()) throw invalid('The export was cancelled. Nothing was written.');
  control.progress(1, 'Done');
  return { blocked: false, bytes, extraFiles, names, labels, mediaType: MEDIA[request.format], include, included: includedCounts(counts, include), counts };
}

/**
 * Writes a finished report and its extra files without ever leaving a half-written file: each is
 * written beside its target as .partial, then renamed into place.
 */
export function writeReportFiles(out: string, result: Extract<ReportResult, { blocked: false }>): string[] {
  const written: string[] = [];
  const put = (target: string, bytes: Buffer) => {
    writeFileAtomically(target, bytes);
    written.push(target);
  };
  for (const extra of result.extraFiles) put(path.join(path.dirname(out), extra.name), extra.bytes);
  put(out, result.bytes);
  return written;
}
