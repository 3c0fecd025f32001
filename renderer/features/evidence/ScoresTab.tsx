import type { ReviewDetail } from '../../../shared/reviews/contract';
import type { Scores } from '../../../shared/evidence/contract';
import { BAND_LABELS } from '../../../shared/evidence/saf';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { reportError } from '../../ui/toasts';
import { EvidencePicker } from './EvidencePicker';

const SCORE_TEXT = ['', '1 Significant shortfalls', '2 Some shortfalls', '3 Good standard', '4 Exceptional'];

/** SAF scores: 1–4 per quality statement with rationale and cited evidence; live roll-up. */
export function ScoresTab({ detail }: { detail: ReviewDetail }) {
  const reviewId = detail.review.id;
  const { data: scores, set: setScores } = useApiQuery(() => api.getScores({ reviewId }), [reviewId]);
  if (!scores) return null;
  const save = (statement: Scores['statements'][number], changes: Partial<{ score: number | null; rationale: string; citedEvidenceIds: string[] }>) =>
    api
      .setScore({ statementId: statement.statementId, score: statement.score, rationale: statement.rationale, citedEvidenceIds: statement.citedEvidenceIds, ...changes })
      .then(setScores, reportError);
  const rating = (r: Scores['overall']) =>
    r.percentage === null ? 'Not scored yet' : `${r.percentage}% · ${BAND_LABELS[r.band ?? 'inadequate']} (${r.scored} scored${r.unscored ? `, ${r.unscored} not yet` : ''})`;

  return (
    <div className="card scores">
      <header className="card-header">
        <h2>Scores</h2>
        <p className="overall" aria-label="Overall">
          Overall: <strong>{rating(scores.overall)}</strong>
        </p>
      </header>
      {scores.groups.map((group) => (
        <section key={group.id} className="score-group">
          <h3>
            {group.code} {group.title} <span className="group-rating">{rating(group.rollUp)}</span>
          </h3>
          {scores.statements
            .filter((s) => s.groupId === group.id)
            .map((statement) => (
              <div key={statement.statementId} className="score-row">
                <div className="statement">
                  <span className="code">{statement.code}</span> {statement.title}
                </div>
                <select
                  aria-label={`Score for ${statement.title}`}
                  value={statement.score ?? ''}
                  onChange={(e) => void save(statement, { score: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">Not scored</option>
                  {[1, 2, 3, 4].map((n) => (
                    <option key={n} value={n}>
                      {SCORE_TEXT[n]}
                    </option>
                  ))}
                </select>
                <textarea
                  aria-label={`Rationale for ${statement.title}`}
                  rows={1}
                  placeholder="Rationale, citing evidence"
                  defaultValue={statement.rationale}
                  onBlur={(e) => e.target.value !== statement.rationale && void save(statement, { rationale: e.target.value })}
                />
                <EvidencePicker
                  reviewId={reviewId}
                  label={`Cite evidence for ${statement.title}`}
                  exclude={statement.citedEvidenceIds}
                  onPick={(item) => void save(statement, { citedEvidenceIds: [...statement.citedEvidenceIds, item.id] })}
                />
                <div className="citations">
                  {statement.cited.map((item) => (
                    <button
                      key={item.id}
                      className={`badge${item.removed ? ' removed' : ''}`}
                      title={`${item.title}${item.removed ? ' (removed from the log)' : ''}. Remove this citation`}
                      aria-label={`Remove citation ${item.code}`}
                      onClick={() => void save(statement, { citedEvidenceIds: statement.citedEvidenceIds.filter((x) => x !== item.id) })}
                    >
                      {item.code} ×
                    </button>
                  ))}
                </div>
              </div>
            ))}
        </section>
      ))}
    </div>
  );
}
