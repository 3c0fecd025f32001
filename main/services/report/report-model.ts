import { AUDIT_DOMAIN_LABELS } from '../../../shared/relational-audit/domain';
import { formatDate } from '../../../shared/dates';
import { asSentence, auditSentence, domainsSentence, headedItem, spokeWithSentence, statementLines, statementList } from '../../../shared/report/sentences';
import { EVIDENCE_KIND_LABELS, referenceCode, type EvidenceKind } from '../../../shared/evidence/domain';
import type { Finding, FindingsItem } from '../../../shared/findings/domain';
import { ACTION_PRIORITY_LABELS } from '../../../shared/data-profile/domain';
import { REVIEW_KIND_LABELS, TEAM_ROLE_LABELS, type TeamRole } from '../../../shared/reviews/domain';
import { PARTICIPANT_GROUP_LABELS, SESSION_KIND_LABELS, type ParticipantGroup, type SessionKind } from '../../../shared/sessions/domain';
import { notFound } from '../../../shared/errors';
import type { FindingNode } from '../../../shared/findings/doc';
import type { ReportChart, ReportFinding, ReportModel, ReportTheme } from '../../../shared/report/model';
import { findReview } from '../reviews/reviews-table';
import type { Store } from '../../store/store';
import { auditSummary, questionnaire } from '../relational-audit/relational-audit';
import { domainBarsSvg, heatMapSvg } from '../../infra/charts';
import { drawCharts } from '../data-profile/chart-cache';
import { listFindings, reportTexts } from '../findings/findings';
import { ReportCitations, type CoarsenedLabel } from './citations';
import { type CitationProblem } from '../../../shared/report/contract';
import { DRAFT_HEADER, STATUS_MARKS, includesStatus, type ReportInclude, type StatusCounts } from '../../../shared/report/include';
import { indicatorChartSvg } from '../data-profile/indicator-charts';
import { listIndicators } from '../data-profile/indicators';

/** Reports progress (0–1 with what is happening) and asks whether the user has cancelled. */
export interface ExportControl {
  progress: (fraction: number, step: string) => void;
  cancelled: () => boolean;
}
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled. Nothing was written.');
  }
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (iso: string) => LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
function visitDates(start: string | null, end: string | null): string {
  if (!start && !end) return 'Dates to be confirmed';
  if (!start || !end || start === end) return longDate(start ?? end ?? '');
  return `${longDate(start)} to ${longDate(end)}`;
}
const countWords: Record<number, string> = { 1: 'one', 2: 'two', 3: 'three', 4: 'four', 5: 'five', 6: 'six', 7: 'seven', 8: 'eight', 9: 'nine' };
const inWords = (n: number) => countWords[n] ?? String(n);

const KIND_WORDS: Record<Finding['kind'], string> = {
  strength: 'strength',
  improvement: 'area for improvement',
  progress_made: 'progress made',
  still_needed: 'improvement still needed',
};

/** Findings as the report shows them, each rendered once (its citations' problems noted once). */
function findingRenderer(citations: ReportCitations): (item: FindingsItem, finding: Finding) => ReportFinding {
  const rendered = new Map<string, ReportFinding>();
  return (item, finding) => {
    const done = rendered.get(finding.id);
    if (done) return done;
    // Each paragraph a sentence: findings are read as list items.
    const paragraphs = citations.paragraphs((finding.doc ?? { type: 'doc' }) as FindingNode, `${item.code} ${item.title}, ${KIND_WORDS[finding.kind]}`).map(asSentence);
    // An unagreed finding says so where it is read, not only in the page header.
    if (paragraphs.length > 0) paragraphs[0] = `${STATUS_MARKS[finding.status]}${paragraphs[0]}`;
    const result: ReportFinding = {
      paragraphs,
      text: paragraphs.join('\n'),
      priority: finding.priority ? ACTION_PRIORITY_LABELS[finding.priority] : '',
      status: finding.status,
      citations: finding.citations.map((c) => citations.label(c)).join(', '),
    };
    rendered.set(finding.id, result);
    return result;
  };
}

function theme(item: FindingsItem, render: ReturnType<typeof findingRenderer>, citations: ReportCitations): ReportTheme {
  const of = (kind: Finding['kind']) => item.findings.filter((f) => f.kind === kind).map((f) => render(item, f));
  const progressMade = of('progress_made');
  const stillNeeded = of('still_needed');
  const strengths = of('strength');
  const improvements = of('improvement');
  const summary = citations.paragraphs(item.summary?.doc as FindingNode | undefined, `${item.code} ${item.title}, summary`).join('\n');
  return {
    code: item.code,
    title: item.title,
    summary,
    hasSummary: summary.trim() !== '',
    progressMade,
    stillNeeded,
    strengths,
    improvements,
    hasProgressMade: progressMade.length > 0,
    hasStillNeeded: stillNeeded.length > 0,
    hasStrengths: strengths.length > 0,
    hasImprovements: improvements.length > 0,
  };
}

/** A chart for the report, before its PNG is drawn: SVG by ECharts, PNG later by resvg at print resolution. */
type ChartPlan = Omit<ReportChart, 'png'> & { svg: string };
function chart(key: string, caption: string, svg: string, widthPx: number): ChartPlan {
  const height = Number(/height="(\d+)/.exec(svg)?.[1] ?? 0);
  const width = Number(/width="(\d+)/.exec(svg)?.[1] ?? 1);
  return { key, caption, svg, widthPx, heightPx: Math.round((height / width) * widthPx) };
}

async function step(control: ExportControl, fraction: number, what: string): Promise<void> {
  if (control.cancelled()) throw new ExportCancelled();
  control.progress(fraction, what);
  // Lets other calls (progress polls, a cancel) through between the heavy steps.
  await new Promise((resolve) => setImmediate(resolve));
  if (control.cancelled()) throw new ExportCancelled();
}

/** What a report would hold, and what in it the writer must resolve before it is written. */
export interface ReportDraft {
  model: ReportModel;
  /** Citations of removed items, or of passages whose words were deleted. */
  citations: CitationProblem[];
  /** Passage labels made coarser because they would single out one person. */
  labels: CoarsenedLabel[];
}

export interface ReportOptions {
  /** Exact passage labels the writer keeps although they would single out one person. */
  allowLabels?: readonly string[] | 'all';
  include?: ReportInclude;
  /** The review's findings as listFindings gives them, when the caller has read them already. */
  listed?: readonly FindingsItem[];
}

/**
 * The findings a report holds: those with words, of the statuses asked for. Everything else in
 * the report (citations, the evidence index, areas for future focus) follows from these only.
 */
export function reportFindings(listed: readonly FindingsItem[], include: ReportInclude): FindingsItem[] {
  return listed.map((item) => ({ ...item, findings: item.findings.filter((f) => f.text.trim() !== '' && includesStatus(include, f.status)) }));
}

/** Findings with words, by status: what the export dialog and the CLI say goes in. */
export function findingStatusCounts(listed: readonly FindingsItem[]): StatusCounts {
  const counts: StatusCounts = { draft: 0, ready: 0, agreed: 0 };
  for (const item of listed) for (const f of item.findings) if (f.text.trim() !== '') counts[f.status] += 1;
  return counts;
}

/** Gathers the report of one review: counts, findings, figures and the evidence index. */
export async function reportModel(store: Store, reviewId: string, control: ExportControl, options: ReportOptions = {}): Promise<ReportDraft> {
  const include = options.include ?? 'drafts';
  const allowLabels = options.allowLabels ?? [];
  const review = findReview(store, reviewId);
  if (!review) throw notFound('That review does not exist on this laptop.');
  await step(control, 0.02, 'Reading the review');
  const team = (
    store.prepare('SELECT role, count(*) AS n FROM team_members WHERE review_id = ? AND deleted = 0 GROUP BY role ORDER BY min(rowid)').all(reviewId) as Array<{
      role: TeamRole;
      n: number;
    }>
  ).map((r) => ({
    role: TEAM_ROLE_LABELS[r.role],
    count: r.n,
    text: `${inWords(r.n)} ${TEAM_ROLE_LABELS[r.role].toLowerCase()}${r.n === 1 ? '' : 's'}`,
  }));
  const teamSentence = team.length
    ? `The review team comprised ${team
        .map((t) => t.text)
        .join(', ')
        .replace(/, ([^,]*)$/, ' and $1')}.`
    : '';
  const sessionKinds = store.prepare('SELECT kind, count(*) AS n FROM sessions WHERE review_id = ? AND deleted = 0 GROUP BY kind ORDER BY n DESC').all(reviewId) as Array<{
    kind: SessionKind;
    n: number;
  }>;
  const evidenceKinds = store.prepare('SELECT kind, count(*) AS n FROM evidence WHERE review_id = ? AND deleted = 0 GROUP BY kind ORDER BY n DESC').all(reviewId) as Array<{
    kind: EvidenceKind;
    n: number;
  }>;
  const sessionsLookedAt = sessionKinds.map((s) => ({ what: SESSION_KIND_LABELS[s.kind], count: s.n }));
  const evidenceLookedAt = evidenceKinds.map((e) => ({ what: EVIDENCE_KIND_LABELS[e.kind], count: e.n }));
  const lookedAt = [...sessionsLookedAt, ...evidenceLookedAt];
  const participants = `FROM participants p JOIN sessions s ON s.id = p.session_id WHERE s.review_id = ? AND s.deleted = 0 AND p.deleted = 0`;
  const spokeWith = (
    store.prepare(`SELECT p.participant_group AS g, count(*) AS n ${participants} GROUP BY g ORDER BY n DESC`).all(reviewId) as Array<{ g: ParticipantGroup; n: number }>
  ).map((r) => ({ group: PARTICIPANT_GROUP_LABELS[r.g], count: r.n }));
  const spokeWithOrganisations = (
    store
      .prepare(
        `SELECT coalesce(o.name, 'Other organisations') AS name, count(*) AS n FROM participants p JOIN sessions s ON s.id = p.session_id LEFT JOIN organisations o ON o.id = p.organisation_id WHERE s.review_id = ? AND s.deleted = 0 AND p.deleted = 0 GROUP BY name ORDER BY n DESC`,
      )
      .all(reviewId) as Array<{ name: string; n: number }>
  ).map((r) => ({ organisation: r.name, count: r.n }));

  const sessionsCount = sessionKinds.reduce((sum, s) => sum + s.n, 0);
  const peopleCount = spokeWith.reduce((sum, s) => sum + s.count, 0);

  await step(control, 0.1, 'Collecting findings');
  const items = reportFindings(options.listed ?? listFindings(store, reviewId), include);
  const isDraft = items.some((i) => i.findings.some((f) => f.status !== 'agreed'));
  const citations = new ReportCitations(store, reviewId, allowLabels);
  const render = findingRenderer(citations);
  const themes = items.filter((i) => i.findings.length > 0 || (i.summary?.text ?? '').trim() !== '').map((i) => theme(i, render, citations));
  const needing = items.flatMap((i) => i.findings.filter((f) => f.kind === 'improvement' || f.kind === 'still_needed').map((f) => ({ item: i, finding: f })));
  const priorities = (['strategic', 'operational', 'engagement', null] as const)
    .map((p) => ({
      group: p ? `${ACTION_PRIORITY_LABELS[p]} priorities` : 'Other areas for improvement',
      items: needing.filter((n) => n.finding.priority === p).map((n) => render(n.item, n.finding)),
    }))
    .filter((g) => g.items.length > 0);
  const focus = needing.map((n) => {
    const text = render(n.item, n.finding).paragraphs[0] ?? '';
    // The mark leads the item, not the middle of it ("[Draft] Carers: …", not "Carers: [Draft] …").
    const mark = STATUS_MARKS[n.finding.status];
    const words = mark && text.startsWith(mark) ? text.slice(mark.length) : text;
    return { theme: n.item.title, text, line: `${mark}${headedItem(n.item.title, words)}` };
  });

  const plans: ChartPlan[] = [];
  const indicators = listIndicators(store, reviewId);
  const figures: ReportModel['figures'] = [];
  const withFigures = indicators.map((indicator, index) => ({ indicator, number: index + 1 })).filter((x) => x.indicator.values.length > 0);
  for (const [i, { indicator, number }] of withFigures.entries()) {
    await step(control, 0.2 + (0.3 * i) / Math.max(1, withFigures.length), `Plotting figure ${number}: ${indicator.name}`);
    const key = `figure_${indicator.code.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const caption = `Figure ${number}: ${indicator.name}`;
    plans.push(chart(key, caption, indicatorChartSvg(indicator), 1440));
    figures.push({ number, key, caption, name: indicator.name });
  }

  await step(control, 0.5, 'Summarising the relational audit');
  const audit = auditSummary(store, reviewId);
  let auditModel: ReportModel['audit'] = null;
  if (audit.answers > 0) {
    const organisations = (
      store.prepare('SELECT short_name FROM organisations WHERE review_id = ? AND deleted = 0 ORDER BY short_name COLLATE NOCASE').all(reviewId) as Array<{ short_name: string }>
    ).map((o) => o.short_name);
    plans.push(chart('audit_heat_map', 'How each organisation rates its relationships with the others (all domains)', heatMapSvg(audit, organisations, 'all'), 1280));
    plans.push(chart('audit_domains', 'Mean score by domain of relational proximity (1–5)', domainBarsSvg(audit), 1120));
    const means = new Map(audit.statements.map((st) => [st.code, st.mean]));
    const statements = new Map(questionnaire(store, reviewId).map((st) => [st.code, { text: st.text, mean: means.get(st.code) ?? null }]));
    const domains = audit.domains.map((d) => ({ domain: AUDIT_DOMAIN_LABELS[d.domain], mean: d.mean === null ? '—' : d.mean.toFixed(2) }));
    auditModel = {
      respondents: audit.respondents,
      answers: audit.answers,
      sentence: auditSentence(audit.respondents, audit.answers),
      domains,
      domainsSentence: domainsSentence(domains),
      best: statementList(audit.best, statements),
      worst: statementList(audit.worst, statements),
      bestItems: statementLines(audit.best, statements).map((line) => ({ line })),
      worstItems: statementLines(audit.worst, statements).map((line) => ({ line })),
      heatMapKey: 'audit_heat_map',
      barsKey: 'audit_domains',
    };
  }

  await step(control, 0.6, `Drawing ${plans.length} chart${plans.length === 1 ? '' : 's'}`);
  const pngs = await drawCharts(store, reviewId, plans);
  const charts: ReportChart[] = plans.map(({ svg: _svg, ...plan }, i) => ({ ...plan, png: pngs[i] ?? Buffer.alloc(0) }));

  await step(control, 0.8, 'Indexing cited evidence');
  // Where each cited item is cited, built once (5,000 evidence items × every finding at scale L).
  const citingItems = new Map<string, Set<string>>();
  for (const item of items)
    for (const finding of item.findings) for (const c of finding.citations) citingItems.set(c.targetId, (citingItems.get(c.targetId) ?? new Set()).add(item.code));
  const citedIn = (id: string) => [...(citingItems.get(id) ?? [])].join(', ');
  const evidenceIndex = (
    store
      .prepare(
        `SELECT e.id, e.ref_number, e.title, e.kind, e.evidence_date, o.name AS source FROM evidence e LEFT JOIN organisations o ON o.id = e.source_organisation_id WHERE e.review_id = ? AND e.deleted = 0 AND e.id IN (SELECT value FROM json_each(?)) ORDER BY e.ref_number`,
      )
      .all(reviewId, JSON.stringify([...citingItems.keys()])) as Array<{
      id: string;
      ref_number: number;
      title: string;
      kind: EvidenceKind;
      evidence_date: string | null;
      source: string | null;
    }>
  ).map((e) => ({
    code: referenceCode(e.ref_number),
    title: e.title,
    kind: EVIDENCE_KIND_LABELS[e.kind],
    date: formatDate(e.evidence_date),
    source: e.source ?? '',
    citedIn: citedIn(e.id),
  }));
  const passageIndex = items.flatMap((i) =>
    i.findings.flatMap((f) =>
      f.citations.filter((c) => c.kind === 'passage').map((c) => ({ id: c.targetId, label: citations.label(c), session: c.source ? 'Interview notes' : 'Removed passage' })),
    ),
  );
  const passages = [...new Map(passageIndex.map((p) => [p.id, { label: p.label, session: p.session, citedIn: citedIn(p.id) }])).values()];

  const reflections = citations.paragraphs(reportTexts(store, reviewId).reflections?.doc as FindingNode | undefined, 'Reflections of system leaders').join('\n');
  const model: ReportModel = {
    title: review.title,
    area: review.area,
    reviewKind: REVIEW_KIND_LABELS[review.kind],
    visitDates: visitDates(review.visitStart, review.visitEnd),
    generated: longDate(new Date().toISOString().slice(0, 10)),
    isProgressReview: review.kind === 'progress_review',
    isDraft,
    draftHeader: isDraft ? DRAFT_HEADER : '',
    background: review.background,
    hasBackground: review.background.trim() !== '',
    team,
    teamSentence,
    lookedAt,
    sessionsLookedAt,
    evidenceLookedAt,
    hasSessionsLookedAt: sessionsLookedAt.length > 0,
    hasEvidenceLookedAt: evidenceLookedAt.length > 0,
    spokeWith,
    spokeWithOrganisations,
    sessionsCount,
    peopleCount,
    spokeWithSentence: spokeWithSentence(peopleCount, sessionsCount),
    priorities,
    hasPriorities: priorities.length > 0,
    themes,
    figures,
    hasFigures: figures.length > 0,
    audit: auditModel,
    hasAudit: auditModel !== null,
    reflections,
    hasReflections: reflections.trim() !== '',
    focus,
    hasFocus: focus.length > 0,
    evidenceIndex,
    passageIndex: passages,
    hasEvidenceIndex: evidenceIndex.length + passages.length > 0,
    hasEvidenceTable: evidenceIndex.length > 0,
    hasPassageIndex: passages.length > 0,
    charts,
  };
  return { model, citations: citations.problems, labels: citations.labels };
}
