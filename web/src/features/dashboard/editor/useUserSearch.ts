import { useEffect, useState } from 'react';
import { isAbortError } from '../../../api/client';
import { searchUsers, type UserSummary } from '../../../api/events';

export const MIN_QUERY = 3;
export const SEARCH_DELAY_MS = 300;

export type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'searching' }
  | { readonly status: 'done'; readonly users: readonly UserSummary[] }
  | { readonly status: 'error'; readonly error: unknown };

/** Searches accounts once the query has 3 characters and the user paused typing. */
export function useUserSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const text = query.trim();
  useEffect(() => {
    if (text.length < MIN_QUERY) {
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState({ status: 'searching' });
    const timer = window.setTimeout(() => {
      searchUsers(text, 10, { signal: controller.signal }).then(
        (result) => setState({ status: 'done', users: result.users }),
        (error: unknown) => {
          if (!isAbortError(error)) setState({ status: 'error', error });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return state;
}
