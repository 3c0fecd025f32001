import type { KeyboardEvent, ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

/**
 * A tab list in the WAI-ARIA tabs pattern: one Tab stop (the selected tab), Left/Right (and
 * Home/End) move along the tabs and select as they go, and each tab names the panel it controls.
 * The panel takes `tabPanelProps(idPrefix, selected)`.
 */
export function TabList<T extends string>({
  label,
  idPrefix,
  tabs,
  selected,
  onSelect,
  className = 'tabs',
}: {
  label: string;
  idPrefix: string;
  tabs: Array<TabItem<T>>;
  selected: T;
  onSelect: (id: T) => void;
  className?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const index = (next + tabs.length) % tabs.length;
    const tab = tabs[index];
    if (!tab) return;
    onSelect(tab.id);
    event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[index]?.focus();
  };
  return (
    <nav className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={`${idPrefix}-tab-${tab.id}`}
          role="tab"
          aria-selected={selected === tab.id}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={selected === tab.id ? 0 : -1}
          className={selected === tab.id ? 'tab active' : 'tab'}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}

/** The attributes of the panel a `TabList` controls. */
export function tabPanelProps(idPrefix: string, selected: string) {
  return { role: 'tabpanel', id: `${idPrefix}-panel`, 'aria-labelledby': `${idPrefix}-tab-${selected}` } as const;
}
