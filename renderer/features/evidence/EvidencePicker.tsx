import { useEffect, useId, useState } from 'react';
import type { EvidenceItem } from '../../../shared/evidence/domain';
import { api } from '../../api/client';
import { reportError } from '../../ui/toasts';

const SHOWN = 8;

/**
 * Choose an evidence item by typing words of it or its code (a combobox in the WAI-ARIA pattern):
 * the database finds the matches, so a 5,000-item log costs what eight options do. Up/Down move,
 * Enter picks, Escape closes.
 */
export function EvidencePicker({ reviewId, label, exclude, onPick }: { reviewId: string; label: string; exclude: readonly string[]; onPick: (item: EvidenceItem) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ text: string; items: EvidenceItem[] } | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const query = text.trim();
  useEffect(() => {
    if (!query) return;
    let current = true;
    const timer = setTimeout(() => {
      api.listEvidencePage({ reviewId, text: query, limit: SHOWN + exclude.length }).then((page) => {
        if (current) setFound({ text: query, items: page.items });
      }, reportError);
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [reviewId, query, exclude.length]);
  const options = query && found?.text === query ? found.items.filter((item) => !exclude.includes(item.id)).slice(0, SHOWN) : [];
  const open = query !== '' && found?.text === query;
  const pick = (item: EvidenceItem | undefined) => {
    if (!item) return;
    onPick(item);
    setText('');
    setFound(null);
    setActive(0);
  };
  return (
    <div className="picker">
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        placeholder="Cite evidence: words or E012"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => Math.min(Math.max(a + step, 0), Math.max(options.length - 1, 0)));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === 'Escape' && text) {
            e.preventDefault();
            e.stopPropagation();
            setText('');
          }
        }}
      />
      {open && (
        <ul role="listbox" id={listId} className="picker-list" aria-label="Evidence that matches">
          {options.length === 0 && (
            <li role="presentation" className="hint">
              No evidence matches.
            </li>
          )}
          {options.map((item, index) => (
            <li
              key={item.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(item)}
            >
              <span className="code">{item.code}</span> {item.title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
