import { useState } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import type { Matrix, MatrixColumns } from '../../../shared/evidence/contract';
import type { Passage } from '../../../shared/sessions/contract';
import { EVIDENCE_KIND_LABELS, type EvidenceItem } from '../../../shared/evidence/domain';
import type { CitationAttrs } from '../../../shared/findings/doc';
import { CiteInFinding } from '../findings';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { useRouter } from '../../app/router';
import { plural } from '../../ui/format';
import { reportError } from '../../ui/toasts';

const FLAG_TEXT = { no_evidence: 'No evidence', single_source: 'One source only', one_stance: 'One stance only' } as const;
const COLUMN_TEXT: Record<MatrixColumns, string> = { group: 'Participant group', organisation: 'Organisation', kind: 'Evidence kind' };

/** KLOEs × sources: where evidence is thin or one-sided. Click a cell to see what is behind it. */
export function MatrixTab({ detail }: { detail: ReviewDetail }) {
  const [columns, setColumns] = useState<MatrixColumns>('group');
  const [cell, setCell] = useState<{ kloeId: string; label: string; evidence: EvidenceItem[]; passages: Passage[] } | null>(null);
  const [citing, setCiting] = useState<CitationAttrs | null>(null);
  const go = useRouter((state) => state.go);
  const reviewId = detail.review.id;
  const { data: matrix } = useApiQuery(() => api.getEvidenceMatrix({ reviewId, columns }), [reviewId, columns]);
  const used = matrix ? matrix.columns.filter((c) => matrix.rows.some((r) => (r.cells[c.key]?.count ?? 0) > 0)) : [];

  const open = (kloeId: string, key: string | null, label: string) =>
    api.getMatrixCell({ reviewId, kloeId, columns, key }).then((found) => setCell({ kloeId, label, ...found }), reportError);

  return (
    <div className="matrix-layout">
      <div className="card matrix">
        <header className="card-header">
          <h2>Evidence matrix</h2>
          <label className="inline">
            Columns
            <select value={columns} onChange={(e) => setColumns(e.target.value as MatrixColumns)} aria-label="Columns">
              {(Object.keys(COLUMN_TEXT) as MatrixColumns[]).map((c) => (
                <option key={c} value={c}>
                  {COLUMN_TEXT[c]}
                </option>
              ))}
            </select>
          </label>
        </header>
        {matrix && (
          <table className="table matrix-table">
            <thead>
              <tr>
                <th>KLOE</th>
                <th className="num">All</th>
                {used.map((c) => (
                  <th key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
                <th>Flags</th>
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.kloeId} className={row.flags.length ? 'flagged' : ''}>
                  <td>
                    <span className="code">{row.code}</span> {row.title}
                  </td>
                  <td className="num">
                    <CellButton balance={row.total} onClick={() => void open(row.kloeId, null, `${row.code}: all sources`)} />
                  </td>
                  {used.map((c) => (
                    <td key={c.key} className="num">
                      <CellButton balance={row.cells[c.key]} onClick={() => void open(row.kloeId, c.key, `${row.code}: ${c.label}`)} />
                    </td>
                  ))}
                  <td>
                    {row.flags.map((f) => (
                      <span key={f} className="badge orphan">
                        {FLAG_TEXT[f]}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {cell && (
        <aside className="card cell-detail" aria-label="Behind the cell">
          <header className="card-header">
            <h2>{cell.label}</h2>
            <button className="icon" aria-label="Close" onClick={() => setCell(null)}>
              ×
            </button>
          </header>
          <p className="hint">
            {plural(cell.evidence.length, 'evidence item')} · {plural(cell.passages.length, 'tagged passage')}
          </p>
          <ul className="cell-list">
            {cell.evidence.map((item) => (
              <li key={item.id}>
                <a
                  href={`#/reviews/${reviewId}/evidence`}
                  onClick={(e) => {
                    e.preventDefault();
                    go({ name: 'review', reviewId, tab: 'evidence', focus: item.id });
                  }}
                >
                  {item.code} {item.title}
                </a>
                <span className="hint"> · {EVIDENCE_KIND_LABELS[item.kind]}</span>
                <button className="small cite" aria-label={`Cite ${item.code} in a finding`} onClick={() => setCiting({ kind: 'evidence', targetId: item.id, label: item.code })}>
                  Cite
                </button>
              </li>
            ))}
            {cell.passages.map((p) => (
              <li key={p.tag.id} className={`stance-${p.tag.stance}`}>
                <a
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    go({ name: 'session', reviewId, sessionId: p.session.id, focus: `tag:${p.tag.id}` });
                  }}
                >
                  “{p.tag.quote}”
                </a>
                <span className="hint">
                  {' '}
                  · {p.label} · {p.session.title}
                </span>
                <button className="small cite" aria-label="Cite this passage in a finding" onClick={() => setCiting({ kind: 'passage', targetId: p.tag.id, label: p.label })}>
                  Cite
                </button>
              </li>
            ))}
          </ul>
        </aside>
      )}
      {cell && citing && (
        <CiteInFinding reviewId={reviewId} itemId={cell.kloeId} citation={citing} progressReview={detail.review.kind === 'progress_review'} onClose={() => setCiting(null)} />
      )}
    </div>
  );
}

function CellButton({ balance, onClick }: { balance: Matrix['rows'][number]['total'] | undefined; onClick: () => void }) {
  if (!balance || balance.count === 0) return <span className="hint">·</span>;
  return (
    <button className="cell" onClick={onClick} title={`${balance.strength} strengths, ${balance.concern} concerns, ${balance.neutral} neutral`}>
      <strong>{balance.count}</strong>
      <span className="balance">
        <span className="stance-strength">▲{balance.strength}</span> <span className="stance-concern">▼{balance.concern}</span>
      </span>
    </button>
  );
}
