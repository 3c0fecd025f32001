import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import {
  CHILD_KINDS,
  FRAMEWORK_ITEM_KIND_LABELS,
  RATING_LABELS,
  RATINGS,
  type FrameworkItem,
  type FrameworkItemKind,
  type RatingCharacteristics,
} from '../../../shared/frameworks/domain';
import { api, fieldErrors } from '../../api/client';
import { notify } from '../../ui/toasts';
import { useWorkspace } from '../reviews';

type Mode = { type: 'edit'; itemId: string } | { type: 'add'; parentId: string | null } | null;

/** Depth of each item in the tree, for indentation. Items arrive parents-first. */
function depths(items: FrameworkItem[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const item of items) depth.set(item.id, item.parentId ? (depth.get(item.parentId) ?? 0) + 1 : 0);
  return depth;
}

export function FrameworkTab({ detail }: { detail: ReviewDetail }) {
  const apply = useWorkspace((state) => state.apply);
  const [showRetired, setShowRetired] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const depth = useMemo(() => depths(detail.framework), [detail.framework]);
  const retiredIds = useMemo(() => {
    // An item under a retired item is hidden with it.
    const ids = new Set<string>();
    for (const item of detail.framework) if (item.retired || (item.parentId && ids.has(item.parentId))) ids.add(item.id);
    return ids;
  }, [detail.framework]);
  const visible = detail.framework.filter((item) => showRetired || !retiredIds.has(item.id));
  const reviewId = detail.review.id;

  const move = (item: FrameworkItem, direction: 'up' | 'down') => void apply(() => api.moveFrameworkItem({ itemId: item.id, direction }));
  const setRetired = async (item: FrameworkItem, retired: boolean) => {
    await apply(() => api.setFrameworkItemRetired({ itemId: item.id, retired }));
    if (retired)
      notify(`${item.code} retired: kept with its evidence, hidden from new work`, () => void apply(() => api.setFrameworkItemRetired({ itemId: item.id, retired: false })));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (mode) return;
    const index = visible.findIndex((item) => item.id === selected);
    const current = visible[index];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (current && event.altKey) return move(current, event.key === 'ArrowUp' ? 'up' : 'down');
      const next = visible[Math.min(visible.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setSelected(next.id);
    } else if (current && (event.key === 'Enter' || event.key === 'F2')) {
      event.preventDefault();
      setMode({ type: 'edit', itemId: current.id });
    } else if (current && event.key === 'Insert') {
      event.preventDefault();
      setMode({ type: 'add', parentId: current.id });
    }
  };

  return (
    <div className="card framework">
      <header className="card-header">
        <div>
          <h2>{detail.review.frameworkName}</h2>
          <p className="hint">
            This review's own copy. Select a line and use ↑/↓ to move around, Alt+↑/↓ to reorder, Enter to edit, Insert to add beneath it. Items marked “Fieldbook wording” are not
            CQC's published text.
          </p>
        </div>
        <div className="actions">
          <label className="checkbox">
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> Show retired
          </label>
          <button className="primary" onClick={() => setMode({ type: 'add', parentId: null })}>
            Add top-level item
          </button>
        </div>
      </header>
      {mode?.type === 'add' && mode.parentId === null && <ItemForm reviewId={reviewId} parent={null} onDone={() => setMode(null)} />}
      <ul className="tree" role="tree" aria-label="Framework" tabIndex={0} onKeyDown={onKeyDown}>
        {visible.map((item, index) => {
          const siblings = visible.filter((other) => other.parentId === item.parentId);
          const position = siblings.indexOf(item);
          return (
            <li
              key={item.id}
              role="treeitem"
              aria-selected={selected === item.id}
              className={`tree-item kind-${item.kind}${retiredIds.has(item.id) ? ' retired' : ''}${selected === item.id ? ' selected' : ''}`}
              style={{ paddingLeft: `${0.75 + (depth.get(item.id) ?? 0) * 1.5}rem` }}
              onClick={() => setSelected(item.id)}
              data-index={index}
            >
              {mode?.type === 'edit' && mode.itemId === item.id ? (
                <ItemForm reviewId={reviewId} parent={null} item={item} onDone={() => setMode(null)} />
              ) : (
                <div className="tree-line">
                  <span className="code">{item.code}</span>
                  <span className="title">
                    {item.title}
                    {item.description && <span className="description">{item.description}</span>}
                    {item.ratingCharacteristics && <Characteristics characteristics={item.ratingCharacteristics} />}
                  </span>
                  <span className="badges">
                    <span className={`badge kind`}>{FRAMEWORK_ITEM_KIND_LABELS[item.kind]}</span>
                    {item.ours && (
                      <span className="badge ours" title="Fieldbook's wording, not CQC's published text">
                        Fieldbook wording
                      </span>
                    )}
                    {item.retired && <span className="badge">Retired</span>}
                  </span>
                  <span className="row-actions">
                    <button className="small" aria-label={`Move ${item.code} up`} disabled={position === 0} onClick={() => move(item, 'up')}>
                      ↑
                    </button>
                    <button className="small" aria-label={`Move ${item.code} down`} disabled={position === siblings.length - 1} onClick={() => move(item, 'down')}>
                      ↓
                    </button>
                    <button className="small" onClick={() => setMode({ type: 'edit', itemId: item.id })}>
                      Edit
                    </button>
                    {CHILD_KINDS[item.kind].length > 0 && !item.retired && (
                      <button className="small" onClick={() => setMode({ type: 'add', parentId: item.id })}>
                        Add
                      </button>
                    )}
                    <button className="small" onClick={() => void setRetired(item, !item.retired)}>
                      {item.retired ? 'Restore' : 'Retire'}
                    </button>
                  </span>
                </div>
              )}
              {mode?.type === 'add' && mode.parentId === item.id && <ItemForm reviewId={reviewId} parent={item} onDone={() => setMode(null)} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Adds a child under `parent` (or at the top level), or edits `item` when given. */
function ItemForm({ reviewId, parent, item, onDone }: { reviewId: string; parent: FrameworkItem | null; item?: FrameworkItem; onDone: () => void }) {
  const apply = useWorkspace((state) => state.apply);
  const kinds = CHILD_KINDS[parent?.kind ?? 'root'];
  const [kind, setKind] = useState<FrameworkItemKind>(kinds[0] ?? 'theme');
  const [code, setCode] = useState(item?.code ?? '');
  const [title, setTitle] = useState(item?.title ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async () => {
    if (!title.trim()) return setErrors({ title: 'Give it a title' });
    try {
      if (item) await apply(() => api.updateFrameworkItem({ itemId: item.id, title, description, ...(code.trim() ? { code } : {}) }));
      else await apply(() => api.addFrameworkItem({ reviewId, parentId: parent?.id ?? null, kind, title, description, ...(code.trim() ? { code } : {}) }));
      onDone();
    } catch (error) {
      setErrors(fieldErrors(error));
    }
  };

  return (
    <div
      className="item-form"
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
        if (event.key === 'Enter' && !(event.target instanceof HTMLTextAreaElement)) {
          event.preventDefault();
          void save();
        }
      }}
    >
      {!item && (
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as FrameworkItemKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {FRAMEWORK_ITEM_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      )}
      <input
        aria-label="Code"
        className="code-input"
        placeholder={item ? 'Code' : 'Code (auto)'}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-invalid={Boolean(errors.code)}
      />
      <input
        aria-label="Title"
        className="title-input"
        autoFocus
        placeholder="Title or question"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        aria-invalid={Boolean(errors.title)}
      />
      <textarea aria-label="Description" rows={2} placeholder="Description or guidance (optional)" value={description} onChange={(e) => setDescription(e.target.value)} />
      {(errors.title || errors.code || errors.kind) && <div className="error-text">{errors.title ?? errors.code ?? errors.kind}</div>}
      <div className="form-actions">
        <button className="primary small" onClick={() => void save()}>
          {item ? 'Save' : 'Add'}
        </button>
        <button className="small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** What the item looks like at each rating, as the framework file gave it: folded until asked for. */
function Characteristics({ characteristics }: { characteristics: RatingCharacteristics }) {
  return (
    <details className="characteristics" onClick={(e) => e.stopPropagation()}>
      <summary>Rating characteristics</summary>
      <dl>
        {RATINGS.filter((rating) => characteristics[rating]).map((rating) => (
          <div key={rating}>
            <dt>{RATING_LABELS[rating]}</dt>
            <dd>{characteristics[rating]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
