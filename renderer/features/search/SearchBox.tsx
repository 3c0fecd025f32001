import { useEffect, useState } from 'react';
import type { SearchAllHit } from '../../../shared/search/contract';
import { api, messageOf } from '../../api/client';
import { useRouter } from '../../app/router';
import type { FrameworkItem } from '../../../shared/frameworks/domain';
import { taggableItems } from '../sessions';

/** Full-text search over the review's notes; a hit opens the session at that paragraph. */
export function SearchBox({ reviewId, framework }: { reviewId: string; framework: FrameworkItem[] }) {
  const [query, setQuery] = useState('');
  const [kinds, setKinds] = useState<Array<'note' | 'evidence'>>(['note', 'evidence']);
  const [kloeId, setKloeId] = useState('');
  const [hits, setHits] = useState<SearchAllHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = useRouter((state) => state.go);
  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) return undefined;
    const timer = setTimeout(() => {
      api.searchAll({ reviewId, query: trimmed, limit: 30, kinds, ...(kloeId ? { kloeId } : {}) }).then(
        (next) => {
          setHits(next);
          setError(null);
        },
        (failure: unknown) => setError(messageOf(failure)),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query, reviewId, kinds, kloeId]);
  const showing = query.trim() !== '';
  return (
    <div className="search-box">
      <input
        type="search"
        aria-label="Search notes and evidence"
        placeholder="Search notes and evidence…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
      />
      {showing && (error || hits) && (
        <div className="search-results">
          <div className="search-filters">
            {(['note', 'evidence'] as const).map((kind) => (
              <label key={kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(e) => setKinds(e.target.checked ? [...kinds, kind] : kinds.length > 1 ? kinds.filter((k) => k !== kind) : kinds)}
                />
                {kind === 'note' ? 'Notes' : 'Evidence'}
              </label>
            ))}
            <select aria-label="Only this KLOE" value={kloeId} onChange={(e) => setKloeId(e.target.value)}>
              <option value="">Any KLOE</option>
              {taggableItems(framework).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.code} {item.title}
                </option>
              ))}
            </select>
          </div>
          {error && <p className="error-text">{error}</p>}
          {hits?.length === 0 && <p className="hint">Nothing found.</p>}
          <div role="listbox" aria-label="Search results">
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
                <strong>
                  {hit.kind === 'evidence' ? 'Evidence · ' : 'Notes · '}
                  {hit.title}
                </strong>
                <span>{hit.snippet.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}</span>
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
