import type { AuditDomain, AuditRole } from '../domain/audit';
import { AUDIT_DOMAINS } from '../domain/audit';

/**
 * The relational audit analysis. Pure: the service gathers rows, this computes. Scores of
 * reverse-worded statements count as 6 − score; means are of answered scores only, to 2 decimals;
 * an organisation × organisation cell with fewer than `minRespondents` distinct respondents is
 * suppressed (no mean) so nobody can be identified from it. Retired statements are left out.
 */
export interface AnalysisInput {
  statements: Array<{ id: string; code: string; domain: AuditDomain; reversed: boolean; retired: boolean }>;
  respondents: Array<{ id: string; organisation: string; role: AuditRole }>;
  answers: Array<{ respondentId: string; statementId: string; about: string; score: number | null; comment: string }>;
  minRespondents: number;
}

/**
 * The answers reduced to what the analysis needs, which SQLite can produce directly: per
 * respondent, organisation rated and domain, the sum and count of answered (reverse-scored)
 * values; per statement and raw score, a count; and the comments.
 */
export interface GroupedAnswers {
  groups: Array<{ respondentId: string; about: string; domain: AuditDomain; sum: number; n: number }>;
  statementScores: Array<{ statementId: string; score: number; count: number; sum: number }>;
  comments: Array<{ respondentId: string; about: string; statementId: string; text: string }>;
}

/** Groups raw answers the way the service's SQL does (for callers that hold raw answers). */
export function groupAnswers(input: AnalysisInput): GroupedAnswers {
  const live = new Map(input.statements.filter((s) => !s.retired).map((s) => [s.id, s]));
  const groups = new Map<string, GroupedAnswers['groups'][number]>();
  const scores = new Map<string, GroupedAnswers['statementScores'][number]>();
  const comments: GroupedAnswers['comments'] = [];
  for (const a of input.answers) {
    const statement = live.get(a.statementId);
    if (!statement) continue;
    if (a.comment.trim()) comments.push({ respondentId: a.respondentId, about: a.about, statementId: a.statementId, text: a.comment.trim() });
    if (a.score === null) continue;
    const value = statement.reversed ? 6 - a.score : a.score;
    const key = `${a.respondentId}|${a.about}|${statement.domain}`;
    const group = groups.get(key) ?? { respondentId: a.respondentId, about: a.about, domain: statement.domain, sum: 0, n: 0 };
    group.sum += value;
    group.n += 1;
    groups.set(key, group);
    const scoreKey = `${a.statementId}|${a.score}`;
    const entry = scores.get(scoreKey) ?? { statementId: a.statementId, score: a.score, count: 0, sum: 0 };
    entry.count += 1;
    entry.sum += value;
    scores.set(scoreKey, entry);
  }
  return { groups: [...groups.values()], statementScores: [...scores.values()], comments };
}

export interface MeanCell {
  mean: number | null;
  /** Answers counted. */
  n: number;
}

export interface MatrixCell extends MeanCell {
  from: string;
  to: string;
  domain: AuditDomain | 'all';
  respondents: number;
  suppressed: boolean;
}

export interface AuditAnalysis {
  respondents: number;
  answers: number;
  byRole: Array<{ role: AuditRole; respondents: number }>;
  byOrganisation: Array<{ organisation: string; respondents: number; answers: number }>;
  domains: Array<{ domain: AuditDomain } & MeanCell>;
  domainsByRole: Array<{ role: AuditRole; domain: AuditDomain } & MeanCell>;
  statements: Array<{ code: string; domain: AuditDomain } & MeanCell & { distribution: [number, number, number, number, number] }>;
  best: string[];
  worst: string[];
  matrix: MatrixCell[];
  comments: Array<{ domain: AuditDomain; about: string; organisation: string; text: string }>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Sums, counts and distinct respondents for a fixed number of cells, indexed by number. */
class Cells {
  readonly sum: Float64Array;
  readonly n: Uint32Array;
  readonly people: Array<Set<number>>;
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.n = new Uint32Array(size);
    this.people = Array.from({ length: size }, () => new Set<number>());
  }
  /** Adds `n` answered values summing to `sum`, from one respondent (-1: not tracked). */
  addMany(cell: number, sum: number, n: number, respondent: number): void {
    this.sum[cell] = (this.sum[cell] ?? 0) + sum;
    this.n[cell] = (this.n[cell] ?? 0) + n;
    if (respondent >= 0) this.people[cell]?.add(respondent);
  }
  mean(cell: number): number | null {
    const n = this.n[cell] ?? 0;
    return n === 0 ? null : round2((this.sum[cell] ?? 0) / n);
  }
}

export function analyseAudit(input: AnalysisInput): AuditAnalysis {
  return analyseGrouped(input.statements, input.respondents, groupAnswers(input), input.minRespondents);
}

/**
 * The analysis from grouped answers, with everything indexed by number (organisations, domains,
 * roles), so the cost follows the number of groups, not of answers.
 */
export function analyseGrouped(statements: AnalysisInput['statements'], respondentList: AnalysisInput['respondents'], grouped: GroupedAnswers, minRespondents: number): AuditAnalysis {
  const live = statements.filter((s) => !s.retired);
  const statementIndex = new Map(live.map((s, i) => [s.id, i]));
  const domainIndex = new Map(AUDIT_DOMAINS.map((d, i) => [d, i]));
  const orgs = [...new Set([...respondentList.map((r) => r.organisation), ...grouped.groups.map((g) => g.about)])].sort();
  const orgIndex = new Map(orgs.map((o, i) => [o, i]));
  const roles = [...new Set(respondentList.map((r) => r.role))].sort();
  const roleIndex = new Map(roles.map((r, i) => [r, i]));
  const respondentIndex = new Map(respondentList.map((r, i) => [r.id, i]));
  const respondentOrg = respondentList.map((r) => orgIndex.get(r.organisation) ?? 0);
  const respondentRole = respondentList.map((r) => roleIndex.get(r.role) ?? 0);
  const D = AUDIT_DOMAINS.length;
  const O = orgs.length;

  const domains = new Cells(D);
  const domainsByRole = new Cells(roles.length * D);
  const matrix = new Cells(O * O * (D + 1));
  const answersByOrg = new Uint32Array(O);
  let answered = 0;
  for (const group of grouped.groups) {
    const r = respondentIndex.get(group.respondentId);
    if (r === undefined) continue;
    const org = respondentOrg[r] ?? 0;
    const d = domainIndex.get(group.domain) ?? 0;
    answered += group.n;
    answersByOrg[org] = (answersByOrg[org] ?? 0) + group.n;
    domains.addMany(d, group.sum, group.n, r);
    domainsByRole.addMany((respondentRole[r] ?? 0) * D + d, group.sum, group.n, r);
    const base = (org * O + (orgIndex.get(group.about) ?? 0)) * (D + 1);
    matrix.addMany(base + d, group.sum, group.n, r);
    matrix.addMany(base + D, group.sum, group.n, r);
  }

  const byStatement = new Cells(live.length);
  const distribution = live.map(() => [0, 0, 0, 0, 0] as [number, number, number, number, number]);
  for (const entry of grouped.statementScores) {
    const i = statementIndex.get(entry.statementId);
    if (i === undefined) continue;
    byStatement.addMany(i, entry.sum, entry.count, -1);
    const counts = distribution[i];
    if (counts) counts[entry.score - 1] = (counts[entry.score - 1] ?? 0) + entry.count;
  }
  const comments: AuditAnalysis['comments'] = [];
  for (const c of grouped.comments) {
    const i = statementIndex.get(c.statementId);
    const r = respondentIndex.get(c.respondentId);
    const statement = i === undefined ? undefined : live[i];
    if (!statement || r === undefined) continue;
    comments.push({ domain: statement.domain, about: c.about, organisation: orgs[respondentOrg[r] ?? 0] ?? '', text: c.text });
  }

  const statementRows = live.map((s, i) => ({ code: s.code, domain: s.domain, mean: byStatement.mean(i), n: byStatement.n[i] ?? 0, distribution: distribution[i] ?? ([0, 0, 0, 0, 0] as [number, number, number, number, number]) }));
  const ranked = statementRows.filter((s) => s.mean !== null).sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0) || a.code.localeCompare(b.code));
  const matrixRows: MatrixCell[] = [];
  for (let from = 0; from < O; from += 1) {
    for (let to = 0; to < O; to += 1) {
      for (let d = 0; d <= D; d += 1) {
        const cell = (from * O + to) * (D + 1) + d;
        const n = matrix.n[cell] ?? 0;
        if (n === 0) continue;
        const respondents = matrix.people[cell]?.size ?? 0;
        const suppressed = respondents < minRespondents;
        matrixRows.push({ from: orgs[from] ?? '', to: orgs[to] ?? '', domain: d === D ? 'all' : (AUDIT_DOMAINS[d] ?? 'all'), mean: suppressed ? null : matrix.mean(cell), n, respondents, suppressed });
      }
    }
  }
  matrixRows.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.domain.localeCompare(b.domain));
  const respondentOrgs = [...new Set(respondentList.map((r) => r.organisation))].sort();

  return {
    respondents: respondentList.length,
    answers: answered,
    byRole: roles.map((role) => ({ role, respondents: respondentList.filter((r) => r.role === role).length })),
    byOrganisation: respondentOrgs.map((organisation) => ({ organisation, respondents: respondentList.filter((r) => r.organisation === organisation).length, answers: answersByOrg[orgIndex.get(organisation) ?? 0] ?? 0 })),
    domains: AUDIT_DOMAINS.map((domain, d) => ({ domain, mean: domains.mean(d), n: domains.n[d] ?? 0 })),
    domainsByRole: roles.flatMap((role, r) => AUDIT_DOMAINS.map((domain, d) => ({ role, domain, mean: domainsByRole.mean(r * D + d), n: domainsByRole.n[r * D + d] ?? 0 }))),
    statements: statementRows,
    best: ranked.slice(0, 5).map((s) => s.code),
    worst: [...ranked].reverse().slice(0, 5).map((s) => s.code),
    matrix: matrixRows,
    comments,
  };
}
