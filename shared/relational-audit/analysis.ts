import type { AuditDomain, AuditRole } from './domain';
import { AUDIT_DOMAINS } from './domain';

/**
 * The relational audit analysis. Pure: the service gathers rows, this computes. Scores of
 * reverse-worded statements count as 6 − score; means are of answered scores only, to 2 decimals;
 * an organisation × organisation cell with fewer than `minRespondents` distinct respondents is
 * suppressed (no mean) so nobody can be identified from it. Retired statements are left out.
 */
export interface AnalysisInput {
  statements: Array<{ id: string; code: string; domain: AuditDomain; reversed: boolean; retired: boolean }>;
  /** Organisation ids with the names the analysis reports them by. */
  organisations: Map<string, string>;
  respondents: Array<{ id: string; organisation: string; role: AuditRole }>;
  /**
   * [respondent id, statement id, rated organisation id, score or null], the row shape SQLite
   * returns in raw mode: at 100,000 answers an object per answer costs more than the analysis.
   */
  answers: ReadonlyArray<readonly [string, string, string, number | null]>;
  /** [respondent id, statement id, rated organisation id, comment], only answers with a comment. */
  comments: ReadonlyArray<readonly [string, string, string, string]>;
  minRespondents: number;
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

/**
 * One pass over the answers with everything indexed by number (organisations, domains, roles,
 * statements): no string keys per answer, so 100,000 answers take a few tens of milliseconds.
 */
export function analyseAudit(input: AnalysisInput): AuditAnalysis {
  const minRespondents = input.minRespondents;
  const respondentList = input.respondents;
  const live = input.statements.filter((s) => !s.retired);
  const statementIndex = new Map(live.map((s, i) => [s.id, i]));
  const statementDomain = live.map((s) => AUDIT_DOMAINS.indexOf(s.domain));
  const nameOf = (id: string) => input.organisations.get(id) ?? '?';
  // Organisations by id, in name order; ids of rows that name no known organisation share '?'.
  const orgIds = [...input.organisations.keys()].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const orgs = orgIds.map(nameOf);
  const orgIndex = new Map(orgIds.map((o, i) => [o, i]));
  const unknownOrg = orgs.length;
  orgs.push('?');
  const roles = [...new Set(respondentList.map((r) => r.role))].sort();
  const roleIndex = new Map(roles.map((r, i) => [r, i]));
  const respondentIndex = new Map(respondentList.map((r, i) => [r.id, i]));
  const respondentOrg = respondentList.map((r) => orgIndex.get(r.organisation) ?? unknownOrg);
  const respondentRole = respondentList.map((r) => roleIndex.get(r.role) ?? 0);
  const D = AUDIT_DOMAINS.length;
  const O = orgs.length;

  const domains = new Cells(D);
  const domainsByRole = new Cells(roles.length * D);
  const matrix = new Cells(O * O * (D + 1));
  const byStatement = new Cells(live.length);
  const distribution = live.map(() => [0, 0, 0, 0, 0] as [number, number, number, number, number]);
  const answersByOrg = new Uint32Array(O);
  let answered = 0;
  for (const [respondentId, statementId, about, score] of input.answers) {
    if (score === null) continue;
    const s = statementIndex.get(statementId);
    const r = respondentIndex.get(respondentId);
    if (s === undefined || r === undefined) continue;
    const statement = live[s];
    if (!statement) continue;
    const org = respondentOrg[r] ?? unknownOrg;
    answered += 1;
    answersByOrg[org] = (answersByOrg[org] ?? 0) + 1;
    const value = statement.reversed ? 6 - score : score;
    const d = statementDomain[s] ?? 0;
    domains.addMany(d, value, 1, r);
    domainsByRole.addMany((respondentRole[r] ?? 0) * D + d, value, 1, r);
    byStatement.addMany(s, value, 1, -1);
    const counts = distribution[s];
    if (counts) counts[score - 1] = (counts[score - 1] ?? 0) + 1;
    const base = (org * O + (orgIndex.get(about) ?? unknownOrg)) * (D + 1);
    matrix.addMany(base + d, value, 1, r);
    matrix.addMany(base + D, value, 1, r);
  }

  const statementRows = live.map((s, i) => ({
    code: s.code,
    domain: s.domain,
    mean: byStatement.mean(i),
    n: byStatement.n[i] ?? 0,
    distribution: distribution[i] ?? ([0, 0, 0, 0, 0] as [number, number, number, number, number]),
  }));
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
        matrixRows.push({
          from: orgs[from] ?? '',
          to: orgs[to] ?? '',
          domain: d === D ? 'all' : (AUDIT_DOMAINS[d] ?? 'all'),
          mean: suppressed ? null : matrix.mean(cell),
          n,
          respondents,
          suppressed,
        });
      }
    }
  }
  matrixRows.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.domain.localeCompare(b.domain));
  const respondentsByOrg = new Uint32Array(O);
  for (const org of respondentOrg) respondentsByOrg[org] = (respondentsByOrg[org] ?? 0) + 1;
  const comments: AuditAnalysis['comments'] = [];
  for (const [respondentId, statementId, about, comment] of input.comments) {
    const statement = live[statementIndex.get(statementId) ?? -1];
    const r = respondentIndex.get(respondentId);
    const text = comment.trim();
    if (!statement || r === undefined || !text) continue;
    comments.push({ domain: statement.domain, about: nameOf(about), organisation: orgs[respondentOrg[r] ?? unknownOrg] ?? '?', text });
  }

  return {
    respondents: respondentList.length,
    answers: answered,
    byRole: roles.map((role) => ({ role, respondents: respondentList.filter((r) => r.role === role).length })),
    byOrganisation: orgs.flatMap((organisation, o) =>
      (respondentsByOrg[o] ?? 0) > 0 ? [{ organisation, respondents: respondentsByOrg[o] ?? 0, answers: answersByOrg[o] ?? 0 }] : [],
    ),
    domains: AUDIT_DOMAINS.map((domain, d) => ({ domain, mean: domains.mean(d), n: domains.n[d] ?? 0 })),
    domainsByRole: roles.flatMap((role, r) => AUDIT_DOMAINS.map((domain, d) => ({ role, domain, mean: domainsByRole.mean(r * D + d), n: domainsByRole.n[r * D + d] ?? 0 }))),
    statements: statementRows,
    best: ranked.slice(0, 5).map((s) => s.code),
    worst: [...ranked]
      .reverse()
      .slice(0, 5)
      .map((s) => s.code),
    matrix: matrixRows,
    comments,
  };
}
