import { useEffect, useState } from 'react';
import { FINDING_KIND_LABELS, FINDING_STATUS_LABELS, type FindingKind, type FindingsItem } from '../../../shared/findings/domain';
import type { CitationAttrs } from '../../../shared/findings/doc';
import { api } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { notify, reportError } from '../../ui/toasts';

/**
 * Cite something found in the evidence matrix: pick a finding of that KLOE (the citation goes at
 * the end of its text) or start a new finding that cites it.
 */
export function CiteInFinding({
  reviewId,
  itemId,
  citation,
  progressReview,
  onClose,
}: {
  reviewId: string;
  itemId: string;
  citation: CitationAttrs;
  progressReview: boolean;
  onClose: () => void;
}) {
  const [item, setItem] = useState<FindingsItem | null>(null);
  useEffect(() => {
    api.listFindings({ reviewId }).then((items) => setItem(items.find((i) => i.itemId === itemId) ?? null), reportError);
  }, [reviewId, itemId]);
  const done = (text: string) => {
    notify(text);
    onClose();
  };
  const cite = (findingId: string) => api.citeInFinding({ findingId, citation }).then(() => done(`${citation.label} cited.`), reportError);
  const start = (kind: FindingKind) =>
    api
      .addFinding({ reviewId, itemId, kind, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'citation', attrs: citation }] }] } })
      .then(() => done(`New finding started, citing ${citation.label}.`), reportError);
  const kinds: FindingKind[] = progressReview ? ['progress_made', 'still_needed', 'strength', 'improvement'] : ['strength', 'improvement'];
  return (
    <Dialog title={`Cite ${citation.label} in a finding`} onClose={onClose}>
      {!item && <p className="hint">Findings are written against KLOEs, themes and quality statements: this row has none to cite in.</p>}
      {item && (
        <>
          <p className="hint">
            {item.code} {item.title}
          </p>
          <ul className="cite-list" aria-label="Findings">
            {item.findings.map((f) => (
              <li key={f.id}>
                <button className="link" onClick={() => void cite(f.id)}>
                  <strong>{FINDING_KIND_LABELS[f.kind]}</strong> ({FINDING_STATUS_LABELS[f.status]}): {f.text.slice(0, 160) || 'empty'}
                </button>
              </li>
            ))}
            {item.findings.length === 0 && <li className="hint">No findings here yet.</li>}
          </ul>
          <div className="add-findings">
            {kinds.map((k) => (
              <button key={k} onClick={() => void start(k)}>
                New {FINDING_KIND_LABELS[k].toLowerCase()}
              </button>
            ))}
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
