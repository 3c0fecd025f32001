import type { Scores } from '../../../shared/evidence/contract';
import { FieldbookError, notFound } from '../../../shared/errors';
import { stableId } from '../../../shared/ids';
import { referenceCode } from '../../../shared/evidence/domain';
import { rollUp } from '../../../shared/evidence/saf';
import { findReview } from '../reviews/reviews-table';
import { syncValues, updateRow } from '../../store/rows';
import type { Store } from '../../store/store';
import type { Handlers } from '../../platform/context';

const SAF_KINDS = new Set(['saf_provider', 'saf_local_authority']);

/** Every live quality statement with its score (or none), grouped by key question or theme. */
export function scoresOf(store: Store, reviewId: string): Scores {
  const review = findReview(store, reviewId);
  if (!review) throw notFound('That review does not exist on this laptop.');
  if (!SAF_KINDS.has(review.kind)) throw new FieldbookError('invalid_input', 'Scores are for Single Assessment Framework reviews (SAF provider or local authority assessments).');
  const statements = store
    .prepare(
      `SELECT f.id, f.code, f.title, f.parent_id, s.score, s.rationale, s.cited_evidence_ids
       FROM framework_items f LEFT JOIN saf_scores s ON s.statement_id = f.id AND s.deleted = 0
       WHERE f.review_id = ? AND f.deleted = 0 AND f.retired = 0 AND f.kind = 'quality_statement'
       ORDER BY f.rowid`,
    )
    .all(reviewId) as Array<{ id: string; code: string; title: string; parent_id: string; score: number | null; rationale: string | null; cited_evidence_ids: string | null }>;
  const groups = store
    .prepare(
      `SELECT id, code, title FROM framework_items WHERE review_id = ? AND deleted = 0 AND id IN (SELECT parent_id FROM framework_items WHERE review_id = ? AND kind = 'quality_statement' AND deleted = 0 AND retired = 0) ORDER BY rowid`,
    )
    .all(reviewId, reviewId) as Array<{ id: string; code: string; title: string }>;
  const cited = new Map(
    (
      store
        .prepare(
          `SELECT id, ref_number, title, deleted FROM evidence WHERE review_id = ? AND id IN
             (SELECT c.value FROM saf_scores s JOIN framework_items f ON f.id = s.statement_id, json_each(s.cited_evidence_ids) c WHERE f.review_id = ? AND s.deleted = 0)`,
        )
        .all(reviewId, reviewId) as Array<{ id: string; ref_number: number; title: string; deleted: number }>
    ).map((e) => [e.id, { id: e.id, code: referenceCode(e.ref_number), title: e.title, removed: e.deleted === 1 }]),
  );
  return {
    statements: statements.map((s) => {
      const citedEvidenceIds = JSON.parse(s.cited_evidence_ids ?? '[]') as string[];
      return {
        statementId: s.id,
        code: s.code,
        title: s.title,
        groupId: s.parent_id,
        score: s.score,
        rationale: s.rationale ?? '',
        citedEvidenceIds,
        cited: citedEvidenceIds.flatMap((id) => cited.get(id) ?? []),
      };
    }),
    groups: groups.map((g) => ({ ...g, rollUp: rollUp(statements.filter((s) => s.parent_id === g.id).map((s) => s.score)) })),
    overall: rollUp(statements.map((s) => s.score)),
  };
}

/**
 * One score per statement, with the same id on every laptop: two reviewers scoring a statement
 * for the first time on their own laptops then meet in a merge as one record whose scores
 * conflict, rather than as two records the unique index refuses. Scores made before this kept
 * their random ids.
 */
function scoreId(reviewId: string, statementId: string): string {
  return stableId(`${reviewId}/saf-score/${statementId}`);
}

export const scoreHandlers: Handlers<'getScores' | 'setScore'> = {
  getScores: ({ reviewId }, { store }) => scoresOf(store, reviewId),

  setScore: ({ statementId, score, rationale, citedEvidenceIds }, { store }) => {
    const statement = store.prepare("SELECT review_id FROM framework_items WHERE id = ? AND deleted = 0 AND kind = 'quality_statement'").get(statementId) as
      { review_id: string } | undefined;
    if (!statement) throw notFound('That quality statement is not in the review.');
    scoresOf(store, statement.review_id); // checks the review is a SAF review
    store.write((stamp) => {
      for (const [index, evidenceId] of citedEvidenceIds.entries()) {
        if (!store.prepare('SELECT 1 FROM evidence WHERE id = ? AND review_id = ? AND deleted = 0').get(evidenceId, statement.review_id)) {
          throw new FieldbookError('invalid_input', 'A cited evidence item is not in this review (it may have been removed).', [
            { field: `citedEvidenceIds.${index}`, message: 'Not in this review' },
          ]);
        }
      }
      const existing = store.prepare('SELECT id FROM saf_scores WHERE statement_id = ? AND deleted = 0').get(statementId) as { id: string } | undefined;
      if (existing) updateRow(store, 'saf_scores', existing.id, { score, rationale, cited_evidence_ids: JSON.stringify(citedEvidenceIds) }, stamp);
      else {
        const sync = syncValues(stamp);
        store
          .prepare(
            `INSERT INTO saf_scores (id, review_id, statement_id, score, rationale, cited_evidence_ids, hlc, updated_by, updated_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(id) DO UPDATE SET score = excluded.score, rationale = excluded.rationale, cited_evidence_ids = excluded.cited_evidence_ids, hlc = excluded.hlc, updated_by = excluded.updated_by, updated_device = excluded.updated_device, deleted = 0`,
          )
          .run(
            scoreId(statement.review_id, statementId),
            statement.review_id,
            statementId,
            score,
            rationale,
            JSON.stringify(citedEvidenceIds),
            sync.hlc,
            sync.updated_by,
            sync.updated_device,
          );
      }
    });
    return scoresOf(store, statement.review_id);
  },
};
