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
  const orgs = [...new Set([...respondentList.map((r) => r.organisation), ...input.answers.map((a) => a.about)])].sort();
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
  const byStatement = new Cells(live.length);
  const distribution = live.map(() => [0, 0, 0, 0, 0] as [number, number, number, number, number]);
  const answersByOrg = new Uint32Array(O);
  const comments: AuditAnalysis['comments'] = [];
  let answered = 0;
  for (const answer of input.answers) {
    const s = statementIndex.get(answer.statementId);
    const r = respondentIndex.get(answer.respondentId);
    if (s === undefined || r === undefined) continue;
    const statement = live[s];
    if (!statement) continue;
    const org = respondentOrg[r] ?? 0;
    if (answer.comment) {
      const text = answer.comment.trim();
      if (text) comments.push({ domain: statement.domain, about: answer.about, organisation: orgs[org] ?? '', text });
    }
    if (answer.score === null) continue;
    answered += 1;
    answersByOrg[org] = (answersByOrg[org] ?? 0) + 1;
    const value = statement.reversed ? 6 - answer.score : answer.score;
    const d = statementDomain[s] ?? 0;
    domains.addMany(d, value, 1, r);
    domainsByRole.addMany((respondentRole[r] ?? 0) * D + d, value, 1, r);
    byStatement.addMany(s, value, 1, -1);
    const counts = distribution[s];
    if (counts) counts[answer.score - 1] = (counts[answer.score - 1] ?? 0) + 1;
    const base = (org * O + (orgIndex.get(answer.about) ?? 0)) * (D + 1);
    matrix.addMany(base + d, value, 1, r);
    matrix.addMany(base + D, value, 1, r);
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
