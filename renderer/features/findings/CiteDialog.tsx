import { createContext, useContext, useEffect, useState } from 'react';
import type { Passage } from '../../../shared/sessions/contract';
import type { EvidenceItem } from '../../../shared/evidence/domain';
import type { CitationAttrs } from '../../../shared/findings/doc';
import { api } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { reportError } from '../../ui/toasts';

/** The review's KLOE codes by id, so each hit can show which KLOEs it is tagged or linked to. */
export const KloeCodes = createContext<ReadonlyMap<string, string>>(new Map());

const SHOWN = 30;

interface Found {
  query: string;
  evidence: EvidenceItem[];
  evidenceTotal: number;
  passages: Passage[];
  passagesTotal: number;
}

/**
 * Choose what to cite: any evidence item (words of its title, summary or attachments, or its code)
 * or any tagged passage in the review, with the KLOEs of each beside it. Before anything is typed
 * it offers what is linked or tagged to this KLOE; when typing, the whole review, this KLOE's
 * first. Enter cites the first match.
 */
export function CiteDialog({ reviewId, itemId, onPick, onClose }: { reviewId: string; itemId: string; onPick: (citation: CitationAttrs) => void; onClose: () => void }) {
  const codes = useContext(KloeCodes);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const text = query.trim();
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        // Review-wide texts (no KLOE) start from the whole log.
        const kloeId = itemId || null;
        Promise.all([api.listEvidencePage({ reviewId, text, kloeId: text ? null : kloeId, limit: SHOWN }), api.searchPassages({ reviewId, text, kloeId, limit: SHOWN })]).then(
          ([evidence, passages]) => {
            if (current) setFound({ query: text, evidence: evidence.items, evidenceTotal: evidence.total, passages: passages.passages, passagesTotal: passages.total });
          },
          reportError,
        );
      },
      text ? 150 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [reviewId, itemId, text]);
  // Hits count once they answer the query as typed now.
  const answer = found?.query === text ? found : null;
  const pickEvidence = (e: EvidenceItem) => onPick({ kind: 'evidence', targetId: e.id, label: e.code });
  const pickPassage = (p: Passage) => onPick({ kind: 'passage', targetId: p.tag.id, label: p.label });
  const kloesOf = (ids: readonly string[]) => {
    const list = ids.map((id) => codes.get(id)).filter((code): code is string => Boolean(code));
    return list.length > 0 ? <span className="badge kloes">{list.join(', ')}</span> : null;
  };
  const more = (shown: number, total: number) => (total > shown ? <li className="hint">{`${(total - shown).toLocaleString('en-GB')} more: type more words to narrow.`}</li> : null);
  return (
    <Dialog title="Cite evidence or a passage" onClose={onClose}>
      <input
        autoFocus
        aria-label="Search evidence and passages"
        placeholder="Search all evidence and passages, or type a code such as E012"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const first = answer?.evidence[0];
          if (first) pickEvidence(first);
          else if (answer?.passages[0]) pickPassage(answer.passages[0]);
        }}
      />
      <div className="cite-lists" aria-busy={!answer}>
        <section>
          <h3>{text || !itemId ? 'Evidence' : 'Evidence linked here'}</h3>
          <ul className="cite-list" aria-label="Evidence to cite">
            {answer?.evidence.map((e) => (
              <li key={e.id}>
                <button className="link" onClick={() => pickEvidence(e)}>
                  <span className="code">{e.code}</span> {e.title} {kloesOf(e.links.map((l) => l.kloeId))}
                </button>
              </li>
            ))}
            {answer && more(answer.evidence.length, answer.evidenceTotal)}
            {answer?.evidence.length === 0 && <li className="hint">{text ? 'No evidence matches.' : 'No evidence is linked here yet: type to search the whole log.'}</li>}
          </ul>
        </section>
        <section>
          <h3>{text || !itemId ? 'Tagged passages' : 'Passages, tagged here first'}</h3>
          <ul className="cite-list" aria-label="Passages to cite">
            {answer?.passages.map((p) => (
              <li key={p.tag.id}>
                <button className="link" onClick={() => pickPassage(p)}>
                  “{p.tag.quote.slice(0, 140)}” <span className="hint">{p.label}</span> {kloesOf(p.tag.kloeIds)}
                </button>
              </li>
            ))}
            {answer && more(answer.passages.length, answer.passagesTotal)}
            {answer?.passages.length === 0 && <li className="hint">{text ? 'No tagged passages match.' : 'No passages are tagged in this review yet.'}</li>}
          </ul>
        </section>
      </div>
      <div className="dialog-actions">
        <button onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
