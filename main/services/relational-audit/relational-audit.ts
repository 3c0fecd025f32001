import type { AuditImportResult, AuditSummary } from '../../../shared/relational-audit/contract';
import { analyseAudit } from '../../../shared/relational-audit/analysis';
import { AuditQuestionnaireSource, type AuditDomain, type AuditRole, type AuditStatement } from '../../../shared/relational-audit/domain';
import { FieldbookError, notFound } from '../../../shared/errors';
import { newId, stableId } from '../../../shared/ids';
import { readResource } from '../../resources';
import { findReview } from '../reviews/reviews-table';
import { syncValues, updateRow } from '../../store/rows';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { domainBarsSvg, heatMapSvg, svgToPng } from '../../infra/charts';
import { cellsOf, checkedWhole, locateColumns, readCsvTable } from '../../infra/table-file';

function defaultQuestionnaire(): AuditQuestionnaireSource {
  return AuditQuestionnaireSource.parse(JSON.parse(readResource('audit', 'relational-audit.json').toString('utf8')));
}

/**
 * The review's questionnaire, copied from the default the first time the audit is used. The
 * copies' ids derive from the review and the code, so two laptops that both open the audit make
 * the same rows and a merge finds one statement, not two clashing ones.
 */
export function questionnaire(store: Store, reviewId: string): AuditStatement[] {
  if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
  const load = () =>
    (
      store.prepare('SELECT id, code, domain, text, reversed, retired FROM audit_statements WHERE review_id = ? AND deleted = 0 ORDER BY position').all(reviewId) as Array<{
        id: string;
        code: string;
        domain: AuditDomain;
        text: string;
        reversed: number;
        retired: number;
      }>
    ).map((row) => ({ id: row.id, code: row.code, domain: row.domain, text: row.text, reversed: row.reversed === 1, retired: row.retired === 1 }));
  const existing = load();
  if (existing.length > 0) return existing;
  const source = defaultQuestionnaire();
  store.write((stamp) => {
    const sync = syncValues(stamp);
    const insert = store.prepare(
      'INSERT INTO audit_statements (id, review_id, code, domain, text, reversed, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    source.statements.forEach((s, index) =>
      insert.run(
        stableId(`${reviewId}/audit-statement/${s.code}`),
        reviewId,
        s.code,
        s.domain,
        s.text,
        s.reversed ? 1 : 0,
        index + 1,
        sync.hlc,
        sync.updated_by,
        sync.updated_device,
      ),
    );
  });
  return load();
}

const HEADERS = ['respondent', 'organisation', 'role', 'about', 'statement', 'score', 'comment'] as const;

interface CheckedRow {
  line: number;
  respondent: string;
  organisationId: string;
  role: AuditRole;
  aboutId: string;
  statementId: string;
  score: number | null;
  comment: string;
}

function roleFrom(raw: string): AuditRole | null {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  return value === 'system leader' ? 'system_leader' : value === 'frontline' ? 'frontline' : value === 'other' ? 'other' : null;
}

/**
 * Checks every row of an audit CSV before anything is written. Returns the good rows and, for each
 * bad one, its line number in the file and every reason it is wrong.
 */
export function checkAuditCsv(
  store: Store,
  reviewId: string,
  text: string,
  fileName: string,
): { rows: CheckedRow[]; invalid: Array<{ line: number; reason: string }>; total: number } {
  const table = readCsvTable(text, fileName);
  const index = locateColumns(
    table,
    HEADERS,
    HEADERS.filter((h) => h !== 'comment'),
  );
  const orgs = store.prepare('SELECT id, name, short_name FROM organisations WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
    id: string;
    name: string;
    short_name: string;
  }>;
  const orgByName = new Map<string, string>();
  for (const org of orgs) {
    orgByName.set(org.short_name.trim().toLowerCase(), org.id);
    orgByName.set(org.name.trim().toLowerCase(), org.id);
  }
  const statements = new Map(questionnaire(store, reviewId).map((s) => [s.code.toLowerCase(), s.id]));
  const rows: CheckedRow[] = [];
  const invalid: Array<{ line: number; reason: string }> = [...table.refused];
  const seen = new Map<string, number>();
  const respondentProfile = new Map<string, { organisationId: string; role: AuditRole; line: number }>();

  for (const row of table.rows) {
    const { line } = row;
    const cell = cellsOf(index, row);
    const reasons: string[] = [];
    const respondent = cell('respondent');
    if (!respondent) reasons.push('missing respondent');
    const organisationId = orgByName.get(cell('organisation').toLowerCase());
    if (!organisationId) reasons.push(cell('organisation') ? `unknown organisation "${cell('organisation')}"` : 'missing organisation');
    const role = roleFrom(cell('role'));
    if (!role) reasons.push(cell('role') ? `unknown role "${cell('role')}" (use system leader, frontline or other)` : 'missing role');
    const aboutId = orgByName.get(cell('about').toLowerCase());
    if (!aboutId) reasons.push(cell('about') ? `unknown organisation "${cell('about')}" in about` : 'missing about');
    const statementId = statements.get(cell('statement').toLowerCase());
    if (!statementId) reasons.push(cell('statement') ? `unknown statement "${cell('statement')}"` : 'missing statement');
    const rawScore = cell('score');
    let score: number | null = null;
    if (rawScore !== '' && !/^n\/?a$/i.test(rawScore)) {
      if (!/^-?\d+$/.test(rawScore)) reasons.push(`score "${rawScore}" is not a whole number`);
      else if (Number(rawScore) < 1 || Number(rawScore) > 5) reasons.push(`score ${rawScore} outside 1–5`);
      else score = Number(rawScore);
    }
    if (cell('comment').length > 4000) reasons.push('comment is longer than 4,000 characters');
    if (respondent.length > 60) reasons.push('respondent is longer than 60 characters (use an identifier such as R017)');
    if (respondent && organisationId && role) {
      const known = respondentProfile.get(respondent.toLowerCase());
      if (known && (known.organisationId !== organisationId || known.role !== role))
        reasons.push(`respondent "${respondent}" has a different organisation or role on line ${known.line}`);
      else if (!known) respondentProfile.set(respondent.toLowerCase(), { organisationId, role, line });
    }
    if (respondent && statementId && aboutId) {
      const key = `${respondent.toLowerCase()}|${statementId}|${aboutId}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) reasons.push(`repeats the answer on line ${earlier}`);
      else seen.set(key, line);
    }
    if (reasons.length > 0) invalid.push({ line, reason: reasons.join('; ') });
    else if (organisationId && role && aboutId && statementId) rows.push({ line, respondent, organisationId, role, aboutId, statementId, score, comment: cell('comment') });
  }
  return checkedWhole(table, rows, invalid);
}

/** Imports a whole CSV: checked first; written only if every row is valid or skipInvalid is set. */
export function importAudit(store: Store, reviewId: string, text: string, skipInvalid: boolean, fileName = 'audit.csv'): AuditImportResult {
  const { rows, invalid, total } = checkAuditCsv(store, reviewId, text, fileName);
  const answered = rows.filter((row) => row.score !== null).length;
  const result: AuditImportResult = {
    imported: false,
    rows: total,
    answered,
    notAnswered: rows.length - answered,
    respondentsAdded: 0,
    answersAdded: 0,
    answersUpdated: 0,
    unchanged: 0,
    invalid,
  };
  if (invalid.length > 0 && !skipInvalid) return result;
  const counts = writeAnswers(store, reviewId, rows);
  Object.assign(result, counts);
  result.imported = true;
  return result;
}

/**
 * Writes checked answers in one transaction: respondents by identifier, answers by (respondent,
 * statement, organisation rated). A row equal to what is stored writes nothing, so importing the
 * same file twice changes nothing; a different value updates the stored answer.
 */
function writeAnswers(store: Store, reviewId: string, rows: CheckedRow[]): { respondentsAdded: number; answersAdded: number; answersUpdated: number; unchanged: number } {
  const result = { respondentsAdded: 0, answersAdded: 0, answersUpdated: 0, unchanged: 0 };
  store.write((stamp) => {
    const sync = syncValues(stamp);
    const respondents = new Map(
      (
        store.prepare('SELECT id, identifier, organisation_id, role FROM audit_respondents WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
          id: string;
          identifier: string;
          organisation_id: string;
          role: string;
          added?: boolean;
        }>
      ).map((r) => [r.identifier.toLowerCase(), r]),
    );
    const findAnswer = store.prepare('SELECT id, score, comment FROM audit_answers WHERE respondent_id = ? AND statement_id = ? AND about_organisation_id = ? AND deleted = 0');
    const insertAnswer = store.prepare(
      'INSERT INTO audit_answers (id, review_id, respondent_id, statement_id, about_organisation_id, score, comment, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const row of rows) {
      let respondent = respondents.get(row.respondent.toLowerCase());
      if (!respondent) {
        respondent = { id: newId(), identifier: row.respondent, organisation_id: row.organisationId, role: row.role, added: true };
        store
          .prepare('INSERT INTO audit_respondents (id, review_id, identifier, organisation_id, role, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(respondent.id, reviewId, row.respondent, row.organisationId, row.role, sync.hlc, sync.updated_by, sync.updated_device);
        respondents.set(row.respondent.toLowerCase(), respondent);
        result.respondentsAdded += 1;
      } else if (respondent.organisation_id !== row.organisationId || respondent.role !== row.role) {
        updateRow(store, 'audit_respondents', respondent.id, { organisation_id: row.organisationId, role: row.role }, stamp);
        respondent.organisation_id = row.organisationId;
        respondent.role = row.role;
      }
      // A respondent added by this import has no stored answers to compare with (the file's own
      // repeats were refused by the check), which spares 100,000 lookups on a first import.
      const existing = respondent.added
        ? undefined
        : (findAnswer.get(respondent.id, row.statementId, row.aboutId) as { id: string; score: number | null; comment: string } | undefined);
      if (!existing) {
        insertAnswer.run(newId(), reviewId, respondent.id, row.statementId, row.aboutId, row.score, row.comment, sync.hlc, sync.updated_by, sync.updated_device);
        result.answersAdded += 1;
      } else if (existing.score !== row.score || existing.comment !== row.comment) {
        updateRow(store, 'audit_answers', existing.id, { score: row.score, comment: row.comment }, stamp);
        result.answersUpdated += 1;
      } else result.unchanged += 1;
    }
  });
  return result;
}

/**
 * Every live answer of a review as [respondent, statement, rated organisation, score]. Reading
 * 100,000 rows with three UUIDs each costs ~150 ms in string conversion alone, so SQLite walks the
 * covering index (migration 005) and hands back one row per respondent and rated organisation with
 * that pair's answers joined as "statementId=score;…" (ids are UUIDs, so neither separator can
 * occur in them): 4,000 rows instead of 100,000, split here.
 */
function answerRows(store: Store, reviewId: string): Array<[string, string, string, number | null]> {
  const groups = store
    .prepare(
      "SELECT respondent_id, about_organisation_id, group_concat(statement_id || '=' || coalesce(score, ''), ';') FROM audit_answers WHERE review_id = ? AND deleted = 0 GROUP BY respondent_id, about_organisation_id",
    )
    .raw()
    .all(reviewId) as Array<[string, string, string]>;
  const rows: Array<[string, string, string, number | null]> = [];
  for (const [respondentId, about, joined] of groups) {
    for (const pair of joined.split(';')) {
      const at = pair.indexOf('=');
      const score = pair.length > at + 1 ? Number(pair.slice(at + 1)) : null;
      rows.push([respondentId, pair.slice(0, at), about, score]);
    }
  }
  return rows;
}

export function auditSummary(store: Store, reviewId: string): AuditSummary {
  const statements = questionnaire(store, reviewId);
  const organisations = new Map(store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ?').raw().all(reviewId) as Array<[string, string]>);
  const respondents = store.prepare('SELECT id, organisation_id AS organisation, role FROM audit_respondents WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{
    id: string;
    organisation: string;
    role: AuditRole;
  }>;
  const answers = answerRows(store, reviewId);
  // The partial index holds only answers with a comment; named, since the planner prefers the wider one.
  const comments = store
    .prepare(
      "SELECT respondent_id, statement_id, about_organisation_id, comment FROM audit_answers INDEXED BY audit_answers_comments WHERE review_id = ? AND deleted = 0 AND comment <> ''",
    )
    .raw()
    .all(reviewId) as Array<[string, string, string, string]>;
  const setting = store.prepare('SELECT min_respondents FROM audit_settings WHERE review_id = ? AND deleted = 0').get(reviewId) as { min_respondents: number } | undefined;
  const minRespondents = setting?.min_respondents ?? 3;
  return { ...analyseAudit({ statements, organisations, respondents, answers, comments, minRespondents }), minRespondents };
}

const DOMAIN_PREFIX: Record<AuditDomain, string> = { directness: 'DIR', continuity: 'CON', multiplexity: 'MUL', parity: 'PAR', commonality: 'COM' };

export const auditHandlers: Handlers<
  'getAuditQuestionnaire' | 'importAuditCsv' | 'getAuditSummary' | 'saveAuditRespondent' | 'addAuditStatement' | 'updateAuditStatement' | 'setAuditThreshold' | 'getAuditCharts'
> = {
  getAuditCharts: ({ reviewId, domain, format }, { store }) => {
    const summary = auditSummary(store, reviewId);
    const organisations = (
      store.prepare('SELECT short_name FROM organisations WHERE review_id = ? AND deleted = 0 ORDER BY short_name COLLATE NOCASE').all(reviewId) as Array<{ short_name: string }>
    ).map((o) => o.short_name);
    const heat = heatMapSvg(summary, organisations, domain);
    const bars = domainBarsSvg(summary);
    if (format === 'svg') return { heatMap: heat, domainBars: bars, mediaType: 'image/svg+xml' };
    return { heatMap: svgToPng(heat, 1280).toString('base64'), domainBars: svgToPng(bars, 1120).toString('base64'), mediaType: 'image/png' };
  },

  addAuditStatement: ({ reviewId, domain, text, reversed }, { store }) => {
    const existing = questionnaire(store, reviewId);
    const prefix = DOMAIN_PREFIX[domain];
    // Codes are never reused, retired ones included, so old answers keep their meaning.
    const taken = (store.prepare('SELECT code FROM audit_statements WHERE review_id = ?').all(reviewId) as Array<{ code: string }>).map((r) => r.code.toUpperCase());
    let n = 1;
    while (taken.includes(`${prefix}${n}`)) n += 1;
    store.write((stamp) => {
      const sync = syncValues(stamp);
      store
        .prepare('INSERT INTO audit_statements (id, review_id, code, domain, text, reversed, position, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(newId(), reviewId, `${prefix}${n}`, domain, text, reversed ? 1 : 0, existing.length + 1, sync.hlc, sync.updated_by, sync.updated_device);
    });
    return questionnaire(store, reviewId);
  },

  updateAuditStatement: ({ statementId, text, reversed, retired }, { store }) => {
    const row = store.prepare('SELECT review_id FROM audit_statements WHERE id = ? AND deleted = 0').get(statementId) as { review_id: string } | undefined;
    if (!row) throw notFound('That statement is not in the questionnaire.');
    const columns: Record<string, string | number> = {};
    if (text !== undefined) columns.text = text;
    if (reversed !== undefined) columns.reversed = reversed ? 1 : 0;
    if (retired !== undefined) columns.retired = retired ? 1 : 0;
    if (Object.keys(columns).length > 0) store.write((stamp) => updateRow(store, 'audit_statements', statementId, columns, stamp));
    return questionnaire(store, row.review_id);
  },

  setAuditThreshold: ({ reviewId, minRespondents }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    store.write((stamp) => {
      const sync = syncValues(stamp);
      store
        .prepare(
          `INSERT INTO audit_settings (review_id, min_respondents, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(review_id) DO UPDATE SET min_respondents = excluded.min_respondents, hlc = excluded.hlc, updated_by = excluded.updated_by, updated_device = excluded.updated_device`,
        )
        .run(reviewId, minRespondents, sync.hlc, sync.updated_by, sync.updated_device);
    });
    return { minRespondents };
  },

  getAuditQuestionnaire: ({ reviewId }, { store }) => questionnaire(store, reviewId),
  importAuditCsv: ({ reviewId, fileName, text, skipInvalid }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    return importAudit(store, reviewId, text, skipInvalid, fileName);
  },
  getAuditSummary: ({ reviewId }, { store }) => auditSummary(store, reviewId),

  saveAuditRespondent: ({ reviewId, identifier, organisationId, role, answers }, { store }) => {
    const statements = new Set(
      questionnaire(store, reviewId)
        .filter((s) => !s.retired)
        .map((s) => s.id),
    );
    const orgs = new Set((store.prepare('SELECT id FROM organisations WHERE review_id = ? AND deleted = 0').all(reviewId) as Array<{ id: string }>).map((o) => o.id));
    if (!orgs.has(organisationId))
      throw new FieldbookError('invalid_input', "Choose the respondent's organisation.", [{ field: 'organisationId', message: 'Not an organisation of this review' }]);
    answers.forEach((answer, index) => {
      if (!statements.has(answer.statementId))
        throw new FieldbookError('invalid_input', 'An answer is for a statement that is not in the questionnaire (it may have been retired).', [
          { field: `answers.${index}.statementId`, message: 'Unknown statement' },
        ]);
      if (!orgs.has(answer.aboutOrganisationId))
        throw new FieldbookError('invalid_input', 'An answer is about an organisation that is not in the review.', [
          { field: `answers.${index}.aboutOrganisationId`, message: 'Unknown organisation' },
        ]);
    });
    const taken = store
      .prepare('SELECT organisation_id, role FROM audit_respondents WHERE review_id = ? AND identifier = ? COLLATE NOCASE AND deleted = 0')
      .get(reviewId, identifier) as { organisation_id: string; role: string } | undefined;
    if (taken && (taken.organisation_id !== organisationId || taken.role !== role)) {
      throw new FieldbookError(
        'conflict',
        `Respondent "${identifier}" is already recorded with another organisation or role. Use a new identifier, or the same organisation and role to update their answers.`,
        [{ field: 'identifier', message: 'Already used' }],
      );
    }
    return writeAnswers(
      store,
      reviewId,
      answers.map((a) => ({
        line: 0,
        respondent: identifier,
        organisationId,
        role,
        aboutId: a.aboutOrganisationId,
        statementId: a.statementId,
        score: a.score,
        comment: a.comment,
      })),
    );
  },
};
