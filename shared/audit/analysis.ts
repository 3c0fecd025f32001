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

class Accumulator {
  private sum = 0;
  n = 0;
  readonly people = new Set<string>();
  add(value: number, respondentId: string): void {
    this.sum += value;
    this.n += 1;
    this.people.add(respondentId);
  }
  mean(): number | null {
    return this.n === 0 ? null : round2(this.sum / this.n);
  }
}

function bucket<K>(map: Map<K, Accumulator>, key: K): Accumulator {
  let found = map.get(key);
  if (!found) {
    found = new Accumulator();
    map.set(key, found);
  }
  return found;
}

export function analyseAudit(input: AnalysisInput): AuditAnalysis {
  const statements = new Map(input.statements.filter((s) => !s.retired).map((s) => [s.id, s]));
  const respondents = new Map(input.respondents.map((r) => [r.id, r]));
  const domains = new Map<AuditDomain, Accumulator>();
  const domainsByRole = new Map<string, Accumulator>();
  const byStatement = new Map<string, Accumulator>();
  const distribution = new Map<string, [number, number, number, number, number]>();
  const cells = new Map<string, Accumulator>();
  const answersByOrg = new Map<string, number>();
  const comments: AuditAnalysis['comments'] = [];
  let answered = 0;

  for (const answer of input.answers) {
    const statement = statements.get(answer.statementId);
    const respondent = respondents.get(answer.respondentId);
    if (!statement || !respondent) continue;
    if (answer.comment.trim()) comments.push({ domain: statement.domain, about: answer.about, organisation: respondent.organisation, text: answer.comment.trim() });
    if (answer.score === null) continue;
    answered += 1;
    answersByOrg.set(respondent.organisation, (answersByOrg.get(respondent.organisation) ?? 0) + 1);
    const value = statement.reversed ? 6 - answer.score : answer.score;
    bucket(domains, statement.domain).add(value, respondent.id);
    bucket(domainsByRole, `${respondent.role}|${statement.domain}`).add(value, respondent.id);
    bucket(byStatement, statement.id).add(value, respondent.id);
    const counts = distribution.get(statement.id) ?? [0, 0, 0, 0, 0];
    counts[answer.score - 1] = (counts[answer.score - 1] ?? 0) + 1;
    distribution.set(statement.id, counts);
    bucket(cells, `${respondent.organisation}|${answer.about}|${statement.domain}`).add(value, respondent.id);
    bucket(cells, `${respondent.organisation}|${answer.about}|all`).add(value, respondent.id);
  }

  const statementRows = [...statements.values()].map((s) => ({
    code: s.code,
    domain: s.domain,
    mean: byStatement.get(s.id)?.mean() ?? null,
    n: byStatement.get(s.id)?.n ?? 0,
    distribution: distribution.get(s.id) ?? ([0, 0, 0, 0, 0] as [number, number, number, number, number]),
  }));
  const ranked = statementRows.filter((s) => s.mean !== null).sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0) || a.code.localeCompare(b.code));
  const matrix: MatrixCell[] = [...cells.entries()]
    .map(([key, acc]) => {
      const [from = '', to = '', domain = 'all'] = key.split('|');
      const suppressed = acc.people.size < input.minRespondents;
      return { from, to, domain: domain as AuditDomain | 'all', mean: suppressed ? null : acc.mean(), n: acc.n, respondents: acc.people.size, suppressed };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.domain.localeCompare(b.domain));
  const roles = [...new Set(input.respondents.map((r) => r.role))].sort();
  const orgs = [...new Set(input.respondents.map((r) => r.organisation))].sort();

  return {
    respondents: input.respondents.length,
    answers: answered,
    byRole: roles.map((role) => ({ role, respondents: input.respondents.filter((r) => r.role === role).length })),
    byOrganisation: orgs.map((organisation) => ({ organisation, respondents: input.respondents.filter((r) => r.organisation === organisation).length, answers: answersByOrg.get(organisation) ?? 0 })),
    domains: AUDIT_DOMAINS.map((domain) => ({ domain, mean: domains.get(domain)?.mean() ?? null, n: domains.get(domain)?.n ?? 0 })),
    domainsByRole: roles.flatMap((role) => AUDIT_DOMAINS.map((domain) => ({ role, domain, mean: domainsByRole.get(`${role}|${domain}`)?.mean() ?? null, n: domainsByRole.get(`${role}|${domain}`)?.n ?? 0 }))),
    statements: statementRows,
    best: ranked.slice(0, 5).map((s) => s.code),
    worst: [...ranked].reverse().slice(0, 5).map((s) => s.code),
    matrix,
    comments,
  };
}
