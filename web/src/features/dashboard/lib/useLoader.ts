import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../../../api/client';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'ready'; readonly data: T };

export interface Loader<T> {
  readonly state: LoadState<T>;
  /** Loads again; `quiet` keeps showing the current data until the new data arrives. */
  readonly reload: (quiet?: boolean) => void;
  /** Changes the loaded data in place (optimistic updates). */
  readonly update: (change: (data: T) => T) => void;
}

/** Runs `load` on mount and on reload; aborts the previous run, ignores aborts. */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>): Loader<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback((quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: change(s.data) } : s));
  }, []);

  return { state, reload, update };
}
