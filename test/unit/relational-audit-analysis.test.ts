import { beforeEach, describe, expect, it } from 'vitest';
import { analyseAudit, type AnalysisInput } from '../../shared/relational-audit/analysis';

/**
 * The relational audit analysis worked by hand on a small, awkward set of answers: a reversed
 * statement, a retired one, a not-answered row, a respondent from an organisation the review does
 * not know, answers naming an unknown respondent or statement, ties in the ranking, and more than
 * five statements to rank. Every figure below was computed by hand from the rows.
 */
const input: AnalysisInput = {
  statements: [
    { id: 's1', code: 'DIR1', domain: 'directness', reversed: false, retired: false },
    { id: 's2', code: 'DIR2', domain: 'directness', reversed: true, retired: false },
    { id: 's3', code: 'CON1', domain: 'continuity', reversed: false, retired: false },
    { id: 's4', code: 'MUL1', domain: 'multiplexity', reversed: false, retired: false },
    { id: 's5', code: 'PAR1', domain: 'parity', reversed: false, retired: false },
    { id: 's6', code: 'COM1', domain: 'commonality', reversed: false, retired: false },
    { id: 's7', code: 'COM2', domain: 'commonality', reversed: false, retired: true },
    { id: 's8', code: 'CON2', domain: 'continuity', reversed: false, retired: false },
  ],
  organisations: new Map([
    ['o2', 'OUHFT'],
    ['o3', 'SCAS'],
    ['o1', 'OCC'],
  ]),
  respondents: [
    { id: 'r1', organisation: 'o1', role: 'system_leader' },
    { id: 'r2', organisation: 'o1', role: 'frontline' },
    { id: 'r3', organisation: 'o2', role: 'frontline' },
    { id: 'r4', organisation: 'o2', role: 'other' },
    { id: 'r5', organisation: 'oX', role: 'other' },
  ],
  answers: [
    ['r1', 's1', 'o2', 5],
    ['r1', 's2', 'o2', 2], // reversed: counts as 4
    ['r1', 's3', 'o3', 3],
    ['r2', 's1', 'o2', 4],
    ['r2', 's4', 'o2', null], // not answered
    ['r2', 's5', 'o3', 1],
    ['r2', 's8', 'o3', 3],
    ['r3', 's1', 'o1', 2],
    ['r3', 's6', 'o1', 5],
    ['r3', 's5', 'o3', 1],
    ['r4', 's3', 'o1', 4],
    ['r4', 's4', 'o1', 5],
    ['r4', 's7', 'o1', 1], // retired statement
    ['r5', 's5', 'o1', 3],
    ['rX', 's1', 'o1', 5], // unknown respondent
    ['r1', 'sX', 'o2', 5], // unknown statement
  ],
  comments: [
    ['r1', 's1', 'o2', '  Quick replies  '],
    ['r3', 's7', 'o1', 'on a retired statement'],
    ['r2', 's4', 'o2', '   '],
    ['rX', 's1', 'o1', 'from nobody we know'],
    ['r5', 's5', 'o1', 'from an organisation not in the review'],
    ['r4', 's3', 'oZ', 'about one not in the review'],
  ],
  minRespondents: 2,
};

describe('the relational audit analysis, by hand', () => {
  // Run inside each test (not when the file loads), so mutation testing sees which test covers what.
  let result: ReturnType<typeof analyseAudit>;
  beforeEach(() => {
    result = analyseAudit(input);
  });

  it('counts respondents and the answers that count', () => {
    expect(result.respondents).toBe(5);
    expect(result.answers).toBe(12);
    expect(result.byRole).toEqual([
      { role: 'frontline', respondents: 2 },
      { role: 'other', respondents: 2 },
      { role: 'system_leader', respondents: 1 },
    ]);
    expect(result.byOrganisation).toEqual([
      { organisation: 'OCC', respondents: 2, answers: 6 },
      { organisation: 'OUHFT', respondents: 2, answers: 5 },
      { organisation: '?', respondents: 1, answers: 1 },
    ]);
  });

  it('averages each domain over answered scores, reversed ones as 6 − score', () => {
    expect(result.domains).toEqual([
      { domain: 'directness', mean: 3.75, n: 4 },
      { domain: 'continuity', mean: 3.33, n: 3 },
      { domain: 'multiplexity', mean: 5, n: 1 },
      { domain: 'parity', mean: 1.67, n: 3 },
      { domain: 'commonality', mean: 5, n: 1 },
    ]);
  });

  it('averages each domain by respondent role', () => {
    const of = (role: string) => result.domainsByRole.filter((d) => d.role === role).map((d) => [d.domain, d.mean, d.n]);
    expect(of('frontline')).toEqual([
      ['directness', 3, 2],
      ['continuity', 3, 1],
      ['multiplexity', null, 0],
      ['parity', 1, 2],
      ['commonality', 5, 1],
    ]);
    expect(of('other')).toEqual([
      ['directness', null, 0],
      ['continuity', 4, 1],
      ['multiplexity', 5, 1],
      ['parity', 3, 1],
      ['commonality', null, 0],
    ]);
    expect(of('system_leader')).toEqual([
      ['directness', 4.5, 2],
      ['continuity', 3, 1],
      ['multiplexity', null, 0],
      ['parity', null, 0],
      ['commonality', null, 0],
    ]);
  });

  it('scores each live statement, with the spread of raw scores', () => {
    expect(result.statements).toEqual([
      { code: 'DIR1', domain: 'directness', mean: 3.67, n: 3, distribution: [0, 1, 0, 1, 1] },
      { code: 'DIR2', domain: 'directness', mean: 4, n: 1, distribution: [0, 1, 0, 0, 0] },
      { code: 'CON1', domain: 'continuity', mean: 3.5, n: 2, distribution: [0, 0, 1, 1, 0] },
      { code: 'MUL1', domain: 'multiplexity', mean: 5, n: 1, distribution: [0, 0, 0, 0, 1] },
      { code: 'PAR1', domain: 'parity', mean: 1.67, n: 3, distribution: [2, 0, 1, 0, 0] },
      { code: 'COM1', domain: 'commonality', mean: 5, n: 1, distribution: [0, 0, 0, 0, 1] },
      { code: 'CON2', domain: 'continuity', mean: 3, n: 1, distribution: [0, 0, 1, 0, 0] },
    ]);
  });

  it('ranks the five best and five worst statements, ties by code', () => {
    expect(result.best).toEqual(['COM1', 'MUL1', 'DIR2', 'DIR1', 'CON1']);
    expect(result.worst).toEqual(['PAR1', 'CON2', 'CON1', 'DIR1', 'DIR2']);
  });

  it('fills the organisation × organisation matrix by domain and overall, suppressing cells of fewer than two respondents', () => {
    const cells = result.matrix.map((m) => [m.from, m.to, m.domain, m.mean, m.n, m.respondents, m.suppressed]);
    expect(cells).toEqual([
      ['?', 'OCC', 'all', null, 1, 1, true],
      ['?', 'OCC', 'parity', null, 1, 1, true],
      ['OCC', 'OUHFT', 'all', 4.33, 3, 2, false],
      ['OCC', 'OUHFT', 'directness', 4.33, 3, 2, false],
      ['OCC', 'SCAS', 'all', 2.33, 3, 2, false],
      ['OCC', 'SCAS', 'continuity', 3, 2, 2, false],
      ['OCC', 'SCAS', 'parity', null, 1, 1, true],
      ['OUHFT', 'OCC', 'all', 4, 4, 2, false],
      ['OUHFT', 'OCC', 'commonality', null, 1, 1, true],
      ['OUHFT', 'OCC', 'continuity', null, 1, 1, true],
      ['OUHFT', 'OCC', 'directness', null, 1, 1, true],
      ['OUHFT', 'OCC', 'multiplexity', null, 1, 1, true],
      ['OUHFT', 'SCAS', 'all', null, 1, 1, true],
      ['OUHFT', 'SCAS', 'parity', null, 1, 1, true],
    ]);
  });

  it('keeps comments on live statements from known respondents, trimmed, with their domain and organisations', () => {
    expect(result.comments).toEqual([
      { domain: 'directness', about: 'OUHFT', organisation: 'OCC', text: 'Quick replies' },
      { domain: 'parity', about: 'OCC', organisation: '?', text: 'from an organisation not in the review' },
      { domain: 'continuity', about: '?', organisation: 'OUHFT', text: 'about one not in the review' },
    ]);
  });

  it('shows nothing at all for an audit with no answers', () => {
    const empty = analyseAudit({ ...input, answers: [], comments: [] });
    expect(empty).toMatchObject({ answers: 0, matrix: [], best: [], worst: [], comments: [] });
    expect(empty.domains.every((d) => d.mean === null && d.n === 0)).toBe(true);
    expect(empty.byOrganisation.map((o) => o.answers)).toEqual([0, 0, 0]);
  });
});
