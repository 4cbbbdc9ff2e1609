import { useEffect, useState } from 'react';
import { fetchAuthConfig, type AuthConfig } from '../../api/auth';
import { ApiError, isAbortError, NETWORK_ERROR } from '../../api/client';

export type AuthConfigState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly config: AuthConfig }
  | { readonly status: 'error'; readonly error: ApiError };

export function useAuthConfig(): AuthConfigState {
  const [state, setState] = useState<AuthConfigState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    fetchAuthConfig({ signal: controller.signal }).then(
      (config) => setState({ status: 'ready', config }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, NETWORK_ERROR, String(error)) });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}
