import type { MATRIX_FLAGS } from '../../../shared/evidence/contract';
import { type Balance, type Matrix, type MatrixColumns } from '../../../shared/evidence/contract';
import type { Passage } from '../../../shared/sessions/contract';
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, type EvidenceKind } from '../../../shared/evidence/domain';
import { PARTICIPANT_GROUP_LABELS, PARTICIPANT_GROUPS, type ParticipantGroup, type Stance } from '../../../shared/sessions/domain';
import { notFound } from '../../../shared/errors';
import { findReview } from '../reviews/reviews-table';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';
import { loadEvidence } from './evidence';
import { passagesForTags } from '../sessions/passages';

/** One piece of evidence for a KLOE: a link from an evidence item, or a tagged passage. */
interface Contribution {
  kloeId: string;
  stance: Stance;
  /** The matrix columns it counts under (a passage counts once per participant group or organisation). */
  keys: string[];
  evidenceId: string | null;
  tagId: string | null;
}

const NO_GROUP = 'no_group';
const EVIDENCE = 'evidence';
const NO_ORGANISATION = 'none';
const PASSAGE = 'passage';
const UNKNOWN_SPEAKER = 'speaker_not_recorded';

/** Every contribution to one KLOE, with the columns it counts under (for a cell's drill-down). */
function contributions(store: Store, reviewId: string, columns: MatrixColumns, kloeId: string): Contribution[] {
  const result: Contribution[] = [];
  const tagged = store
    .prepare(
      `SELECT k.kloe_id, t.stance, t.id AS tag_id, sp.participant_group AS speaker_group, sp.organisation_id AS speaker_org, sp.id AS speaker,
         EXISTS (SELECT 1 FROM participants p WHERE p.session_id = t.session_id AND p.deleted = 0) AS has_people
       FROM tag_kloes k JOIN tags t ON t.id = k.tag_id AND t.deleted = 0 JOIN sessions s ON s.id = t.session_id AND s.deleted = 0
       LEFT JOIN participants sp ON sp.id = k.speaker_id AND sp.deleted = 0
       WHERE t.review_id = ? AND k.kloe_id = ?`,
    )
    .all(reviewId, kloeId) as Array<{
    kloe_id: string;
    stance: Stance;
    tag_id: string;
    speaker_group: ParticipantGroup | null;
    speaker_org: string | null;
    speaker: string | null;
    has_people: number;
  }>;
  for (const row of tagged) {
    // A passage counts under whoever said it; with several people present and no speaker chosen, under "speaker not recorded".
    const unattributed = row.has_people ? UNKNOWN_SPEAKER : columns === 'group' ? NO_GROUP : NO_ORGANISATION;
    let key: string;
    if (columns === 'group') key = row.speaker_group ?? unattributed;
    else if (columns === 'organisation') key = row.speaker ? (row.speaker_org ?? NO_ORGANISATION) : unattributed;
    else key = PASSAGE;
    result.push({ kloeId: row.kloe_id, stance: row.stance, keys: [key], evidenceId: null, tagId: row.tag_id });
  }
  const linked = store
    .prepare(
      'SELECT l.kloe_id, l.stance, e.id AS evidence_id, e.kind, e.source_organisation_id FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id AND e.deleted = 0 WHERE e.review_id = ? AND l.deleted = 0 AND l.kloe_id = ?',
    )
    .all(reviewId, kloeId) as Array<{ kloe_id: string; stance: Stance; evidence_id: string; kind: EvidenceKind; source_organisation_id: string | null }>;
  for (const row of linked) {
    const key = columns === 'group' ? EVIDENCE : columns === 'organisation' ? (row.source_organisation_id ?? NO_ORGANISATION) : row.kind;
    result.push({ kloeId: row.kloe_id, stance: row.stance, keys: [key], evidenceId: row.evidence_id, tagId: null });
  }
  return result;
}

function columnList(store: Store, reviewId: string, columns: MatrixColumns): Matrix['columns'] {
  const unknown = { key: UNKNOWN_SPEAKER, label: 'Speaker not recorded' };
  if (columns === 'group')
    return [
      ...PARTICIPANT_GROUPS.map((g) => ({ key: g, label: PARTICIPANT_GROUP_LABELS[g] })),
      unknown,
      { key: NO_GROUP, label: 'No participant recorded' },
      { key: EVIDENCE, label: 'Documents and other evidence' },
    ];
  if (columns === 'kind') return [{ key: PASSAGE, label: 'Tagged passages' }, ...EVIDENCE_KINDS.map((k) => ({ key: k, label: EVIDENCE_KIND_LABELS[k] }))];
  const orgs = store.prepare('SELECT id, short_name FROM organisations WHERE review_id = ? AND deleted = 0 ORDER BY short_name COLLATE NOCASE').all(reviewId) as Array<{
    id: string;
    short_name: string;
  }>;
  return [...orgs.map((o) => ({ key: o.id, label: o.short_name })), unknown, { key: NO_ORGANISATION, label: 'No organisation' }];
}

const empty = (): Balance => ({ count: 0, strength: 0, concern: 0, neutral: 0 });

/** The framework items evidence is weighed against (the same ones passages are tagged to). */
function matrixRows(store: Store, reviewId: string): Array<{ id: string; code: string; title: string }> {
  return store
    .prepare("SELECT id, code, title FROM framework_items WHERE review_id = ? AND deleted = 0 AND retired = 0 AND kind IN ('kloe', 'quality_statement', 'theme') ORDER BY rowid")
    .all(reviewId) as Array<{ id: string; code: string; title: string }>;
}

/**
 * Counts per KLOE × column × stance, done by SQLite: a passage counts once in its KLOE's total
 * and once under its speaker's participant group (or organisation).
 */
function aggregates(
  store: Store,
  reviewId: string,
  columns: MatrixColumns,
): { cells: Array<{ kloe_id: string; key: string; stance: Stance; n: number }>; totals: Array<{ kloe_id: string; stance: Stance; n: number }> } {
  const speaker = `LEFT JOIN participants sp ON sp.id = t.speaker_id AND sp.deleted = 0
    LEFT JOIN (SELECT DISTINCT session_id FROM participants WHERE deleted = 0) ps ON ps.session_id = t.session_id`;
  const passageKey =
    columns === 'group'
      ? { join: speaker, key: `coalesce(sp.participant_group, CASE WHEN ps.session_id IS NULL THEN '${NO_GROUP}' ELSE '${UNKNOWN_SPEAKER}' END)` }
      : columns === 'organisation'
        ? {
            join: speaker,
            key: `CASE WHEN sp.id IS NOT NULL THEN coalesce(sp.organisation_id, '${NO_ORGANISATION}') WHEN ps.session_id IS NULL THEN '${NO_ORGANISATION}' ELSE '${UNKNOWN_SPEAKER}' END`,
          }
        : { join: '', key: `'${PASSAGE}'` };
  const evidenceKey = columns === 'group' ? `'${EVIDENCE}'` : columns === 'organisation' ? `coalesce(e.source_organisation_id, '${NO_ORGANISATION}')` : 'e.kind';
  // tag_kloes carries each live tag's review, session and stance (deleted tags leave it).
  const liveTags = `FROM tag_kloes t WHERE t.review_id = @review`;
  const liveLinks = `FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id AND e.deleted = 0 WHERE e.review_id = @review AND l.deleted = 0`;
  const cells = store
    .prepare(
      `SELECT t.kloe_id, ${passageKey.key} AS key, t.stance, count(*) AS n FROM tag_kloes t ${passageKey.join}
         WHERE t.review_id = @review GROUP BY 1, 2, 3
       UNION ALL
       SELECT l.kloe_id, ${evidenceKey} AS key, l.stance, count(*) AS n ${liveLinks} GROUP BY 1, 2, 3`,
    )
    .all({ review: reviewId }) as Array<{ kloe_id: string; key: string; stance: Stance; n: number }>;
  const totals = store
    .prepare(`SELECT t.kloe_id, t.stance, count(*) AS n ${liveTags} GROUP BY 1, 2 UNION ALL SELECT l.kloe_id, l.stance, count(*) AS n ${liveLinks} GROUP BY 1, 2`)
    .all({ review: reviewId }) as Array<{ kloe_id: string; stance: Stance; n: number }>;
  return { cells, totals };
}

export function buildMatrix(store: Store, reviewId: string, columns: MatrixColumns): Matrix {
  const cols = columnList(store, reviewId, columns);
  const rows = matrixRows(store, reviewId).map((item) => ({
    kloeId: item.id,
    code: item.code,
    title: item.title,
    total: empty(),
    cells: {} as Record<string, Balance>,
    flags: [] as Array<(typeof MATRIX_FLAGS)[number]>,
  }));
  const byId = new Map(rows.map((row) => [row.kloeId, row]));
  const { cells, totals } = aggregates(store, reviewId, columns);
  for (const t of totals) {
    const row = byId.get(t.kloe_id);
    if (!row) continue;
    row.total.count += t.n;
    row.total[t.stance] += t.n;
  }
  for (const c of cells) {
    const row = byId.get(c.kloe_id);
    if (!row) continue;
    const cell = (row.cells[c.key] ??= empty());
    cell.count += c.n;
    cell[c.stance] += c.n;
  }
  for (const row of rows) {
    if (row.total.count === 0) row.flags.push('no_evidence');
    else {
      if (Object.values(row.cells).filter((cell) => cell.count > 0).length === 1) row.flags.push('single_source');
      if ([row.total.strength, row.total.concern, row.total.neutral].filter((n) => n > 0).length === 1) row.flags.push('one_stance');
    }
  }
  return { columns: cols, rows };
}

export const matrixHandlers: Handlers<'getEvidenceMatrix' | 'getMatrixCell'> = {
  getEvidenceMatrix: ({ reviewId, columns }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    return buildMatrix(store, reviewId, columns);
  },

  getMatrixCell: ({ reviewId, kloeId, columns, key }, { store }) => {
    if (!findReview(store, reviewId)) throw notFound('That review does not exist on this laptop.');
    const behind = contributions(store, reviewId, columns, kloeId).filter((c) => key === null || c.keys.includes(key));
    const evidenceIds = [...new Set(behind.flatMap((c) => (c.evidenceId ? [c.evidenceId] : [])))];
    const tagIds = behind.flatMap((c) => (c.tagId ? [c.tagId] : []));
    const passages: Passage[] = passagesForTags(store, tagIds);
    return { evidence: evidenceIds.length ? loadEvidence(store, reviewId, evidenceIds) : [], passages };
  },
};
