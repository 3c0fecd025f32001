import { memo, useEffect, useRef } from 'react';
import { formatDate } from '../../../shared/dates';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EvidenceSort } from '../../../shared/evidence/contract';
import { EVIDENCE_KIND_LABELS, SENSITIVITY_LABELS, type EvidenceItem } from '../../../shared/evidence/domain';

import { formatBytes, openAttachment } from './files';
import type { EvidencePages, EvidenceView } from './useEvidencePages';

const COLUMNS: Array<{ label: string; sort?: EvidenceSort }> = [
  { label: 'Ref', sort: 'code' },
  { label: 'Title', sort: 'title' },
  { label: 'Kind', sort: 'kind' },
  { label: 'Source', sort: 'source' },
  { label: 'Date', sort: 'date' },
  { label: 'KLOEs' },
  { label: 'Attachments' },
];
/** A row with a one-line summary; rows are measured as they are drawn, so this only starts the scroll bar. */
const ESTIMATED_ROW_PX = 58;
const HEADER_PX = 38;

interface Labels {
  kloe: Map<string, string>;
  org: Map<string, string>;
}

/**
 * The evidence log as a table that draws only the rows in view (and a few either side), so 5,000
 * items cost what 30 do; rows are measured as drawn, since summaries and attachments vary.
 */
export function EvidenceTable({
  pages,
  view,
  onSort,
  labels,
  focus,
  onEdit,
  onRemove,
}: {
  pages: EvidencePages;
  view: EvidenceView;
  onSort: (sort: EvidenceSort) => void;
  labels: Labels;
  focus: string | undefined;
  onEdit: (item: EvidenceItem) => void;
  onRemove: (item: EvidenceItem) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = pages.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's functions are read in this render only
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    paddingStart: HEADER_PX,
    scrollPaddingStart: HEADER_PX,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? 0;
  const { want } = pages;
  useEffect(() => {
    if (total > 0) want(first, last);
  }, [want, first, last, total]);

  // A new filter or order starts at the top.
  const viewKey = JSON.stringify(view);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [viewKey]);

  // Arriving with an item to show (from a citation or the matrix): scroll to it once it is placed.
  const shown = useRef<string | null>(null);
  const { indexOf } = pages;
  useEffect(() => {
    if (!focus || shown.current === focus || total === 0) return;
    shown.current = focus;
    void indexOf(focus).then((index) => {
      if (index !== null) virtualizer.scrollToIndex(index, { align: 'center' });
    });
  }, [focus, total, indexOf, virtualizer]);

  const padTop = rows.length > 0 ? (rows[0]?.start ?? 0) - HEADER_PX : 0;
  const padBottom = rows.length > 0 ? virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0) : 0;
  return (
    // Focusable, so the keyboard can scroll the log (arrows, Page Down) past the rows now drawn.
    <div className="evidence-scroll" ref={scroller} tabIndex={0} role="region" aria-label="Evidence items">
      <table className="table" aria-rowcount={total + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <th key={column.label} scope="col" aria-sort={column.sort && view.sort === column.sort ? (view.descending ? 'descending' : 'ascending') : undefined}>
                {column.sort ? (
                  <button className="sort" onClick={() => onSort(column.sort as EvidenceSort)}>
                    {column.label}
                    <span aria-hidden="true">{view.sort === column.sort ? (view.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            ))}
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: padTop }}>
              <td colSpan={8} />
            </tr>
          )}
          {rows.map((row) => {
            const item = pages.itemAt(row.index);
            return item ? (
              <EvidenceRow
                key={item.id}
                index={row.index}
                measure={virtualizer.measureElement}
                item={item}
                labels={labels}
                focused={focus === item.id}
                onEdit={onEdit}
                onRemove={onRemove}
              />
            ) : (
              <tr key={`loading-${row.index}`} data-index={row.index} ref={virtualizer.measureElement} aria-rowindex={row.index + 2} style={{ height: ESTIMATED_ROW_PX }}>
                <td colSpan={8} className="hint">
                  Loading…
                </td>
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer" style={{ height: padBottom }}>
              <td colSpan={8} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** One item's row; unchanged rows are not drawn again as the log scrolls. */
const EvidenceRow = memo(function EvidenceRow({
  item,
  index,
  measure,
  labels,
  focused,
  onEdit,
  onRemove,
}: {
  item: EvidenceItem;
  index: number;
  measure: (element: Element | null) => void;
  labels: Labels;
  focused: boolean;
  onEdit: (item: EvidenceItem) => void;
  onRemove: (item: EvidenceItem) => void;
}) {
  return (
    <tr data-evidence-row data-index={index} ref={measure} aria-rowindex={index + 2} id={`evidence-${item.id}`} className={focused ? 'focused' : ''}>
      <td className="code">{item.code}</td>
      <td>
        {item.title}
        {item.sensitivity !== 'normal' && <span className="badge orphan">{SENSITIVITY_LABELS[item.sensitivity]}</span>}
        {item.summary && <div className="hint summary">{item.summary}</div>}
      </td>
      <td>{EVIDENCE_KIND_LABELS[item.kind]}</td>
      <td>{item.sourceOrganisationId ? labels.org.get(item.sourceOrganisationId) : '—'}</td>
      <td className="date">{item.date ? formatDate(item.date) : '—'}</td>
      <td>
        {item.links.map((l) => (
          <span key={l.id} className={`badge link-${l.stance}`}>
            {labels.kloe.get(l.kloeId)}
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
        <button className="small" onClick={() => onEdit(item)}>
          Edit
        </button>
        <button className="small danger" onClick={() => onRemove(item)}>
          Remove
        </button>
      </td>
    </tr>
  );
});
