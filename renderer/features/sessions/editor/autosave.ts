import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../../api/client';

export type SaveState = { kind: 'saved'; at: string | null } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/** Save after each pause in typing, and at least every second while typing goes on. */
const PAUSE_MS = 400;
const MAX_WAIT_MS = 1000;
const RETRY_MS = 2000;

/**
 * Autosave for the notes. Every write of the notes (autosave, tagging) runs through `exclusive`,
 * one at a time, and reads the editor's content when it runs, so an older save can never land
 * after a newer one. Unsaved changes are flushed when the page hides or the editor closes.
 */
export function useAutosave(save: () => Promise<string | null>) {
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirtySince = useRef<number | null>(null);
  const saveRef = useRef(save);
  const retryRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const exclusive = useCallback(<T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(work, work);
    chain.current = next.catch(() => undefined);
    return next;
  }, []);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (dirtySince.current === null) return chain.current.then(() => undefined);
    return exclusive(async () => {
      if (dirtySince.current === null) return;
      dirtySince.current = null;
      setState({ kind: 'saving' });
      try {
        const at = await saveRef.current();
        setState((current) => (current.kind === 'saving' ? { kind: 'saved', at } : current));
      } catch (error) {
        dirtySince.current ??= Date.now();
        setState({ kind: 'failed', message: messageOf(error) });
        timer.current = setTimeout(() => retryRef.current(), RETRY_MS);
      }
    });
  }, [exclusive]);

  useEffect(() => {
    retryRef.current = () => void flush();
  }, [flush]);

  const changed = useCallback(() => {
    const now = Date.now();
    dirtySince.current ??= now;
    setState((current) => (current.kind === 'dirty' ? current : { kind: 'dirty' }));
    if (timer.current) clearTimeout(timer.current);
    const waited = now - dirtySince.current;
    timer.current = setTimeout(() => void flush(), Math.max(0, Math.min(PAUSE_MS, MAX_WAIT_MS - waited)));
  }, [flush]);

  /** Marks the notes as saved by someone else (e.g. tagging saved them). */
  const savedElsewhere = useCallback((at: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirtySince.current = null;
    setState({ kind: 'saved', at });
  }, []);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('fieldbook:flush', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('fieldbook:flush', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  return { state, changed, flush, exclusive, savedElsewhere };
}
