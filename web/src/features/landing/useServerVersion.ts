import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbortError, NETWORK_ERROR } from '../../api/client';
import { fetchServerVersion, type ServerVersion } from '../../api/version';

export type ServerVersionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly version: ServerVersion }
  | { readonly status: 'error'; readonly error: ApiError };

/** Loads the server version once on mount, and again on every retry(). */
export function useServerVersion(): { state: ServerVersionState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ServerVersionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchServerVersion(controller.signal).then(
      (version) => {
        if (!controller.signal.aborted) setState({ status: 'ready', version });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, NETWORK_ERROR, String(error));
        setState({ status: 'error', error: apiError });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
