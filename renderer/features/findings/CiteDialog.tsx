import { useEffect, useState } from 'react';
import type { Passage } from '../../../shared/sessions/contract';
import type { EvidenceItem } from '../../../shared/evidence/domain';
import type { CitationAttrs } from '../../../shared/findings/doc';
import { api } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { reportError } from '../../ui/toasts';

/**
 * Choose what to cite: the evidence log (searched by title, summary and attachment text) or the
 * passages tagged to this KLOE or theme. Enter cites the first match.
 */
export function CiteDialog({ reviewId, itemId, onPick, onClose }: { reviewId: string; itemId: string; onPick: (citation: CitationAttrs) => void; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [evidence, setEvidence] = useState<EvidenceItem[]>([]);
  const [found, setFound] = useState<{ query: string; ids: string[] } | null>(null);
  const [passages, setPassages] = useState<Passage[]>([]);
  useEffect(() => {
    api.listEvidence({ reviewId }).then(setEvidence, reportError);
    // Review-wide texts (no KLOE) cite evidence only.
    if (itemId) api.listKloePassages({ reviewId, kloeId: itemId, limit: 200 }).then((r) => setPassages(r.passages), reportError);
  }, [reviewId, itemId]);
  useEffect(() => {
    const text = query.trim();
    if (!text) return;
    const timer = setTimeout(() => {
      api.searchAll({ reviewId, query: text, kinds: ['evidence'], limit: 30 }).then(
        (hits) => setFound({ query: text, ids: hits.map((h) => h.targetId) }),
        () => setFound({ query: text, ids: [] }),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [reviewId, query]);
  const lower = query.trim().toLowerCase();
  // Search results count once they answer the query as typed now; until then, all evidence.
  const matches = lower && found?.query.toLowerCase() === lower ? found.ids : null;
  const shownEvidence = (matches ? evidence.filter((e) => matches.includes(e.id) || e.code.toLowerCase() === lower) : evidence).slice(0, 30);
  const shownPassages = passages.filter((p) => !lower || p.tag.quote.toLowerCase().includes(lower)).slice(0, 30);
  const pickEvidence = (e: EvidenceItem) => onPick({ kind: 'evidence', targetId: e.id, label: e.code });
  const pickPassage = (p: Passage) => onPick({ kind: 'passage', targetId: p.tag.id, label: p.label });
  return (
    <Dialog title="Cite evidence or a passage" onClose={onClose}>
      <input
        autoFocus
        aria-label="Search evidence and passages"
        placeholder="Search, or type an evidence code such as E012"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const first = shownEvidence[0];
          if (first) pickEvidence(first);
          else if (shownPassages[0]) pickPassage(shownPassages[0]);
        }}
      />
      <div className="cite-lists">
        <section>
          <h3>Evidence</h3>
          <ul className="cite-list" aria-label="Evidence to cite">
            {shownEvidence.map((e) => (
              <li key={e.id}>
                <button className="link" onClick={() => pickEvidence(e)}>
                  <span className="code">{e.code}</span> {e.title}
                </button>
              </li>
            ))}
            {shownEvidence.length === 0 && <li className="hint">No evidence matches.</li>}
          </ul>
        </section>
        <section>
          <h3>Passages tagged here</h3>
          <ul className="cite-list" aria-label="Passages to cite">
            {shownPassages.map((p) => (
              <li key={p.tag.id}>
                <button className="link" onClick={() => pickPassage(p)}>
                  “{p.tag.quote.slice(0, 140)}” <span className="hint">{p.label}</span>
                </button>
              </li>
            ))}
            {shownPassages.length === 0 && <li className="hint">No tagged passages{lower ? ' match' : ' for this item yet'}.</li>}
          </ul>
        </section>
      </div>
      <div className="dialog-actions">
        <button onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
