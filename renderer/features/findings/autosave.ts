import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingNode } from '../../../shared/findings/doc';
import { FieldbookError } from '../../../shared/errors';
import { messageOf } from '../../api/client';
import { notifyError } from '../../ui/toasts';

export type Save = (doc: FindingNode) => Promise<void>;

/** Every open text's save-now, so an action that depends on saved words can wait for them. */
const openTexts = new Set<() => Promise<void>>();
/** Saves on their way (an editor that went away flushes as it goes), and texts whose save failed and will be tried again. */
const inFlight = new Set<Promise<void>>();
let retrying = 0;
export const saveAllTexts = () => Promise.all([...[...openTexts].map((flush) => flush()), ...inFlight]);

/** Saves a document a moment after typing stops, and at once when the editor goes away. */
export function useAutosave(save: Save): { changed: (doc: FindingNode) => void; state: 'saved' | 'pending' | 'saving' } {
  const [state, setState] = useState<'saved' | 'pending' | 'saving'>('saved');
  const pending = useRef<FindingNode | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failed = useRef(false);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const doc = pending.current;
    pending.current = null;
    if (!doc) return;
    setState('saving');
    const saving = saveRef.current(doc).then(
      () => {
        if (failed.current) retrying -= 1;
        failed.current = false;
        setState(pending.current ? 'pending' : 'saved');
      },
      (error: unknown) => {
        // Kept and tried again (the app may be locked, the disk full): the words are never dropped.
        if (!failed.current) retrying += 1;
        failed.current = true;
        pending.current ??= doc;
        setState('pending');
        if (!(error instanceof FieldbookError && error.code === 'locked')) notifyError(`Not saved: ${messageOf(error)} Trying again.`);
        timer.current ??= setTimeout(() => void flushRef.current(), 2000);
      },
    );
    inFlight.add(saving);
    await saving.finally(() => inFlight.delete(saving));
  }, []);
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);
  useEffect(() => {
    const now = () => void flush();
    window.addEventListener('fieldbook:flush', now);
    openTexts.add(flush);
    return () => {
      window.removeEventListener('fieldbook:flush', now);
      openTexts.delete(flush);
      now();
    };
  }, [flush]);
  const changed = useCallback(
    (doc: FindingNode) => {
      pending.current = doc;
      setState('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), 700);
    },
    [flush],
  );
  return { changed, state };
}

/** How many texts are waiting to retry a failed save (nothing should be cleaned up meanwhile). */
export const savesRetrying = (): number => retrying;
