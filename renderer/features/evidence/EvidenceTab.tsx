import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import type { EvidenceSort } from '../../../shared/evidence/contract';
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, type EvidenceItem, type EvidenceKind } from '../../../shared/evidence/domain';
import { api } from '../../api/client';
import { notify, notifyError, reportError } from '../../ui/toasts';
import { plural } from '../../ui/format';
import { taggableItems } from '../sessions';
import { EvidenceForm } from './EvidenceForm';
import { EvidenceTable } from './EvidenceTable';
import { useEvidencePages, type EvidenceView } from './useEvidencePages';

const ALL_ITEMS: EvidenceView = { text: '', kind: null, kloeId: null, sourceOrganisationId: null, sort: 'code', descending: false };

/**
 * The evidence log: reference codes, KLOE links, attachments; drop files to add evidence. Search,
 * filters and order are the database's work; the table draws only what is in view.
 */
export function EvidenceTab({ detail, focus }: { detail: ReviewDetail; focus?: string | undefined }) {
  const [editing, setEditing] = useState<{ item?: EvidenceItem; files?: File[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [view, setView] = useState<EvidenceView>(ALL_ITEMS);
  const [typed, setTyped] = useState('');
  const reviewId = detail.review.id;
  const pages = useEvidencePages(reviewId, view);
  const labels = useMemo(
    () => ({ kloe: new Map(detail.framework.map((i) => [i.id, i.code])), org: new Map(detail.organisations.map((o) => [o.id, o.shortName])) }),
    [detail.framework, detail.organisations],
  );
  const kloes = useMemo(() => taggableItems(detail.framework), [detail.framework]);

  // Words search as the reviewer pauses, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setView((v) => (v.text === typed.trim() ? v : { ...v, text: typed.trim() })), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  const filtered = view.text !== '' || view.kind !== null || view.kloeId !== null || view.sourceOrganisationId !== null;
  const clearFilters = () => {
    setTyped('');
    setView((v) => ({ ...ALL_ITEMS, sort: v.sort, descending: v.descending }));
  };
  const sortBy = useCallback((sort: EvidenceSort) => setView((v) => ({ ...v, sort, descending: v.sort === sort ? !v.descending : false })), []);
  const { reload } = pages;
  const remove = useCallback(
    (item: EvidenceItem) =>
      void api.removeEvidence({ evidenceId: item.id }).then(() => {
        notify(`${item.code} removed; its code will not be reused.`);
        reload();
      }, reportError),
    [reload],
  );
  const edit = useCallback((item: EvidenceItem) => setEditing({ item }), []);

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
  const choose = <K extends 'kind' | 'kloeId' | 'sourceOrganisationId'>(key: K, value: string) => setView((v) => ({ ...v, [key]: value === '' ? null : value }));

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
      <div className="filters" role="search" aria-label="Filter the evidence log">
        <label className="grow">
          Search
          <input type="search" value={typed} placeholder="Words, or a code such as E012" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <label>
          Kind
          <select value={view.kind ?? ''} onChange={(e) => choose('kind', e.target.value as EvidenceKind | '')}>
            <option value="">Any</option>
            {EVIDENCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EVIDENCE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <label>
          KLOE
          <select value={view.kloeId ?? ''} onChange={(e) => choose('kloeId', e.target.value)}>
            <option value="">Any</option>
            {kloes.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} {item.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select value={view.sourceOrganisationId ?? ''} onChange={(e) => choose('sourceOrganisationId', e.target.value)}>
            <option value="">Any</option>
            {detail.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName}
              </option>
            ))}
          </select>
        </label>
        <p className="count" role="status">
          {pages.total === null ? 'Loading…' : filtered ? `${plural(pages.total, 'item')} match` : plural(pages.total, 'item')}
        </p>
        {filtered && (
          <button className="link" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      {pages.total === 0 && !filtered && <p className="hint">No evidence yet.</p>}
      {pages.total === 0 && filtered && <p className="hint">No evidence matches these filters.</p>}
      {pages.total !== null && pages.total > 0 && <EvidenceTable pages={pages} view={view} onSort={sortBy} labels={labels} focus={focus} onEdit={edit} onRemove={remove} />}
      {editing && (
        <EvidenceForm
          detail={detail}
          {...(editing.item ? { item: editing.item } : {})}
          {...(editing.files ? { initialFiles: editing.files } : {})}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            notify(`${saved.code} saved`);
            reload();
          }}
        />
      )}
    </div>
  );
}
