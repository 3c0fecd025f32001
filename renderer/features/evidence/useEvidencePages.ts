import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvidenceQuery } from '../../../shared/evidence/contract';
import type { EvidenceItem } from '../../../shared/evidence/domain';
import { api } from '../../api/client';
import { reportError } from '../../ui/toasts';

export const PAGE_SIZE = 100;

/** The log's filters and order; the review, paging and focus are added here. */
export type EvidenceView = Omit<EvidenceQuery, 'reviewId' | 'offset' | 'limit' | 'focusId'>;

interface Pages {
  /** The view these pages answer (filters and order as JSON). */
  key: string;
  total: number | null;
  /** Page number → its items, and the reload they came from. */
  pages: Map<number, { items: EvidenceItem[]; version: number }>;
}

export interface EvidencePages {
  /** Items that match, or null before the first answer. */
  total: number | null;
  /** The item at an index, if its page has arrived (an older copy while a reload is on its way). */
  itemAt: (index: number) => EvidenceItem | undefined;
  /** Asks for the pages holding these rows, unless they are here and fresh. */
  want: (first: number, last: number) => void;
  /** After a change (save, remove): the pages on screen are asked for again, still shown meanwhile. */
  reload: () => void;
  /** Where an item falls in this view, to scroll to it (null: not in it). */
  indexOf: (evidenceId: string) => Promise<number | null>;
}

/**
 * The evidence log a page at a time: the database filters and sorts, the screen asks only for the
 * pages it shows. A new filter or order starts again; answers for an older view are dropped, so a
 * slow answer can never show rows that do not match what the reviewer chose last.
 */
export function useEvidencePages(reviewId: string, view: EvidenceView): EvidencePages {
  const key = JSON.stringify(view);
  const [state, setState] = useState<Pages>({ key, total: null, pages: new Map() });
  const [version, setVersion] = useState(0);
  const asked = useRef(new Set<string>());
  const visible = useRef({ first: 0, last: PAGE_SIZE - 1 });
  const current = state.key === key ? state : { key, total: null, pages: new Map<number, { items: EvidenceItem[]; version: number }>() };

  const fetchPage = useCallback(
    (page: number, forVersion: number) => {
      const ticket = `${key}|${forVersion}|${page}`;
      if (asked.current.has(ticket)) return;
      asked.current.add(ticket);
      api.listEvidencePage({ reviewId, ...(JSON.parse(key) as EvidenceView), offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (answer) =>
          setState((before) => {
            const base = before.key === key ? before : { key, total: null, pages: new Map() };
            const held = base.pages.get(page);
            if (held && held.version > forVersion) return base;
            const pages = new Map(base.pages);
            pages.set(page, { items: answer.items, version: forVersion });
            return { key, total: answer.total, pages };
          }),
        (error: unknown) => {
          asked.current.delete(ticket);
          reportError(error);
        },
      );
    },
    [key, reviewId],
  );

  const want = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(Math.max(first, last) / PAGE_SIZE); page += 1) {
        const held = current.pages.get(page);
        if (!held || held.version < version) fetchPage(page, version);
      }
    },
    [current.pages, fetchPage, version],
  );

  // A new view: its first pages at once, whatever is on screen.
  useEffect(() => {
    asked.current.clear();
    const { first, last } = visible.current;
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page += 1) fetchPage(page, version);
    if (first >= PAGE_SIZE) fetchPage(0, version);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new view or reload asks again here
  }, [key, version]);

  return {
    total: current.total,
    itemAt: (index) => current.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    want,
    reload: () => setVersion((v) => v + 1),
    indexOf: async (evidenceId) => (await api.listEvidencePage({ reviewId, ...view, offset: 0, limit: 0, focusId: evidenceId })).focusIndex,
  };
}
