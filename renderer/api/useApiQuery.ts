import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DependencyList } from 'react';
import { messageOf } from './client';
import { reportError } from '../ui/toasts';

export interface ApiQuery<T> {
  /** The latest answer, or null until the first one arrives. */
  data: T | null;
  /** What went wrong with the latest request, for screens that show it in place (it is also shown as a toast). */
  error: string | null;
  /** Asks again (after a change made elsewhere). */
  reload: () => void;
  /** Puts a fresher answer in place, e.g. the view a save call returned; an older request still on its way is then ignored. */
  set: (value: T) => void;
}

/**
 * How a screen reads from the API: `load` runs when `deps` change, and only the answer to the
 * latest request is kept, so a slow answer to an earlier one (another KLOE, other columns) can
 * never replace what the reviewer asked for last. Errors go through reportError.
 */
export function useApiQuery<T>(load: () => Promise<T>, deps: DependencyList): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  // The newest `load` (it closes over the screen's current state); requests are made when deps change.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    loadRef.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(messageOf(failure));
        reportError(failure);
      },
    );
  }, []);
  useEffect(() => {
    reload();
    // A screen that goes away (or asks again) must not take answers meant for the earlier request.
    return () => {
      latest.current += 1;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the request depends on
  }, deps);
  const set = useCallback((value: T) => {
    latest.current += 1;
    setData(value);
    setError(null);
  }, []);
  return { data, error, reload, set };
}
