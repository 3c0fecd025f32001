import { useEffect, useMemo, useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import type { KloePassages, PassageFilters } from '../../../shared/sessions/contract';
import { PARTICIPANT_GROUP_LABELS, PARTICIPANT_GROUPS, SESSION_KIND_LABELS, SESSION_KINDS, STANCE_LABELS, STANCES } from '../../../shared/sessions/domain';
import { api, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';
import { plural } from '../../ui/format';
import { taggableItems } from './taggable';

const PAGE = 200;

/** Every passage tagged to one KLOE across all sessions, with filters and counts. */
export function PassagesTab({ detail }: { detail: ReviewDetail }) {
  const items = useMemo(() => taggableItems(detail.framework), [detail.framework]);
  const [kloeId, setKloeId] = useState(items[0]?.id ?? '');
  const [filters, setFilters] = useState<PassageFilters>({});
  const [result, setResult] = useState<KloePassages | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = useRouter((state) => state.go);
  const reviewId = detail.review.id;

  useEffect(() => {
    if (!kloeId) return;
    api.listKloePassages({ reviewId, kloeId, ...filters, limit: PAGE }).then(
      (next) => {
        setResult(next);
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [reviewId, kloeId, filters]);

  const setFilter = (key: keyof PassageFilters, value: string) =>
    setFilters((current) => {
      const next = { ...current };
      if (value) Object.assign(next, { [key]: value });
      else delete next[key];
      return next;
    });
  const showMore = () => {
    if (!result) return;
    api.listKloePassages({ reviewId, kloeId, ...filters, limit: PAGE, offset: result.passages.length }).then(
      (next) => setResult({ ...next, passages: [...result.passages, ...next.passages] }),
      (failure: unknown) => setError(messageOf(failure)),
    );
  };
  const select = (key: keyof PassageFilters, label: string, options: Array<[string, string]>) => (
    <label>
      {label}
      <select value={(filters[key] as string | undefined) ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="card passages">
      <div className="filters">
        <label className="kloe-select">
          KLOE
          <select value={kloeId} onChange={(e) => setKloeId(e.target.value)}>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} {item.title}
              </option>
            ))}
          </select>
        </label>
        {select(
          'stance',
          'Stance',
          STANCES.map((s) => [s, STANCE_LABELS[s]]),
        )}
        {select(
          'group',
          "Speaker's group",
          PARTICIPANT_GROUPS.map((g) => [g, PARTICIPANT_GROUP_LABELS[g]]),
        )}
        {select(
          'organisationId',
          "Speaker's organisation",
          detail.organisations.map((o) => [o.id, o.shortName]),
        )}
        {select(
          'sessionKind',
          'Session kind',
          SESSION_KINDS.map((k) => [k, SESSION_KIND_LABELS[k]]),
        )}
        {select(
          'interviewerId',
          'Interviewer',
          detail.team.map((m) => [m.id, m.name]),
        )}
      </div>
      {error && <p className="error-banner">{error}</p>}
      {result && (
        <>
          <p className="counts" aria-label="Counts">
            <strong>{plural(result.counts.total, 'passage')}</strong> from {plural(result.counts.sessions, 'session')} ·{' '}
            <span className="stance-strength">{plural(result.counts.strength, 'strength')}</span> ·{' '}
            <span className="stance-concern">{plural(result.counts.concern, 'concern')}</span> · {result.counts.neutral} neutral
          </p>
          <ol className="passage-list">
            {result.passages.map(({ tag, session, label }) => (
              <li key={tag.id} className={`passage stance-${tag.stance}`}>
                <blockquote>“{tag.quote}”</blockquote>
                <div className="hint">
                  <a
                    href={`#/reviews/${reviewId}/sessions/${session.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go({ name: 'session', reviewId, sessionId: session.id, focus: `tag:${tag.id}` });
                    }}
                  >
                    {session.title}
                  </a>
                  {' · '}
                  {SESSION_KIND_LABELS[session.kind]}
                  {session.heldAt ? ` · ${formatDateTime(session.heldAt)}` : ''} · <span className="speaker">{label}</span> · {STANCE_LABELS[tag.stance]}
                  {tag.isQuote ? ' · quote' : ''}
                </div>
                {tag.comment && <div className="hint">{tag.comment}</div>}
              </li>
            ))}
          </ol>
          {result.passages.length < result.counts.total && (
            <button onClick={showMore}>
              Show {Math.min(PAGE, result.counts.total - result.passages.length)} more of {result.counts.total - result.passages.length}
            </button>
          )}
          {result.orphaned.length > 0 && (
            <section className="orphaned-passages" aria-label="Words deleted">
              <h3>Words deleted — re-place or remove ({result.orphaned.length})</h3>
              <p className="hint">
                These tags lost their words when the notes were edited. They are not counted above, in the matrix or the report, and cannot be cited. Open the session to re-place
                each on its words, or remove it.
              </p>
              <ol className="passage-list">
                {result.orphaned.map(({ tag, session }) => (
                  <li key={tag.id} className="passage orphaned">
                    <blockquote>“{tag.quote}”</blockquote>
                    <div className="hint">
                      <a
                        href={`#/reviews/${reviewId}/sessions/${session.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          go({ name: 'session', reviewId, sessionId: session.id, focus: `tag:${tag.id}` });
                        }}
                      >
                        {session.title}
                      </a>
                      {' · '}
                      {STANCE_LABELS[tag.stance]}
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </div>
  );
}
