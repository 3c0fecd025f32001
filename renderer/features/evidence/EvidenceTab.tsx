import { useEffect, useState, type DragEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { EVIDENCE_KIND_LABELS, SENSITIVITY_LABELS, type EvidenceItem } from '../../../shared/evidence/domain';
import { api } from '../../api/client';
import { notify, notifyError, reportError } from '../../ui/toasts';
import { EvidenceForm } from './EvidenceForm';
import { formatBytes, openAttachment } from './files';

/** The evidence log: reference codes, KLOE links, attachments; drop files to add evidence. */
export function EvidenceTab({ detail, focus }: { detail: ReviewDetail; focus?: string | undefined }) {
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [editing, setEditing] = useState<{ item?: EvidenceItem; files?: File[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const reviewId = detail.review.id;
  const reload = () => api.listEvidence({ reviewId }).then(setItems, reportError);
  useEffect(() => {
    api.listEvidence({ reviewId }).then(setItems, reportError);
  }, [reviewId]);
  useEffect(() => {
    if (focus && items) document.getElementById(`evidence-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, items]);
  const kloe = new Map(detail.framework.map((i) => [i.id, i.code]));
  const org = new Map(detail.organisations.map((o) => [o.id, o.shortName]));

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) setEditing({ files: [...event.dataTransfer.files] });
  };
  const check = async () => {
    const problems = await api.checkAttachments({ reviewId });
    if (problems.length === 0) notify('Every stored attachment is present and unaltered.');
    else notifyError(problems.map((p) => `${p.evidenceCode} ${p.originalName}: ${p.state}`).join('; '));
  };

  return (
    <div
      className={`card evidence${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      aria-label="Evidence log"
    >
      <header className="card-header">
        <div>
          <h2>Evidence log</h2>
          <p className="hint">Drop files anywhere here to log them as evidence.</p>
        </div>
        <div className="actions">
          <button onClick={() => void check()}>Check attachments</button>
          <button className="primary" onClick={() => setEditing({})}>
            Add evidence
          </button>
        </div>
      </header>
      {items?.length === 0 && <p className="hint">No evidence yet.</p>}
      {items && items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Ref</th>
              <th>Title</th>
              <th>Kind</th>
              <th>Source</th>
              <th>Date</th>
              <th>KLOEs</th>
              <th>Attachments</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} id={`evidence-${item.id}`} className={focus === item.id ? 'focused' : ''}>
                <td className="code">{item.code}</td>
                <td>
                  {item.title}
                  {item.sensitivity !== 'normal' && <span className="badge orphan">{SENSITIVITY_LABELS[item.sensitivity]}</span>}
                  {item.summary && <div className="hint">{item.summary}</div>}
                </td>
                <td>{EVIDENCE_KIND_LABELS[item.kind]}</td>
                <td>{item.sourceOrganisationId ? org.get(item.sourceOrganisationId) : '—'}</td>
                <td>{item.date ?? '—'}</td>
                <td>
                  {item.links.map((l) => (
                    <span key={l.id} className={`badge link-${l.stance}`}>
                      {kloe.get(l.kloeId)}
                      {l.weight === 'key' ? ' ★' : ''}
                    </span>
                  ))}
                </td>
                <td>
                  {item.attachments.map((a) => (
                    <button key={a.id} className="link" onClick={() => void openAttachment(a)}>
                      {a.originalName} ({formatBytes(a.bytes)})
                    </button>
                  ))}
                </td>
                <td className="row-actions">
                  <button className="small" onClick={() => setEditing({ item })}>
                    Edit
                  </button>
                  <button
                    className="small danger"
                    onClick={() =>
                      void api.removeEvidence({ evidenceId: item.id }).then(() => {
                        notify(`${item.code} removed; its code will not be reused.`);
                        void reload();
                      }, reportError)
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <EvidenceForm
          detail={detail}
          {...(editing.item ? { item: editing.item } : {})}
          {...(editing.files ? { initialFiles: editing.files } : {})}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            notify(`${saved.code} saved`);
            void reload();
          }}
        />
      )}
    </div>
  );
}
