import { useEffect, useState } from 'react';
import type { SearchAllHit } from '../../../shared/api/evidence-contract';
import { api, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';

/** Full-text search over the review's notes; a hit opens the session at that paragraph. */
export function SearchBox({ reviewId }: { reviewId: string }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchAllHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = useRouter((state) => state.go);
  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) return undefined;
    const timer = setTimeout(() => {
      api.searchAll({ reviewId, query: trimmed, limit: 30 }).then(
        (next) => {
          setHits(next);
          setError(null);
        },
        (failure: unknown) => setError(messageOf(failure)),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query, reviewId]);
  const showing = query.trim() !== '';
  return (
    <div className="search-box">
      <input type="search" aria-label="Search notes and evidence" placeholder="Search notes and evidence…" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setQuery('')} />
      {showing && (error || hits) && (
        <div className="search-results" role="listbox" aria-label="Search results">
          {error && <p className="error-text">{error}</p>}
          {hits?.length === 0 && <p className="hint">Nothing found.</p>}
          {hits?.map((hit) => (
            <button
              key={hit.id}
              role="option"
              aria-selected={false}
              className="search-hit"
              onClick={() => {
                setQuery('');
                if (hit.kind === 'note') go({ name: 'session', reviewId, sessionId: hit.targetId, focus: `block:${hit.blockId ?? ''}` });
                else go({ name: 'review', reviewId, tab: 'evidence', focus: hit.targetId });
              }}
            >
              <strong>{hit.kind === 'evidence' ? 'Evidence · ' : 'Notes · '}{hit.title}</strong>
              <span>{hit.snippet.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
