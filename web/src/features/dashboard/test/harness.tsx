/** Test helpers of the dashboard pages: providers, a signed-in user and a routed fetch stub. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import type { OwnProfile } from '../../../api/auth';
import { useSession } from '../../../auth/session';
import { I18nProvider } from '../../../i18n';
import { jsonResponse, mockFetch } from '../../../test/fetchMock';
import { ThemeProvider } from '../../../theme';

export const USER: OwnProfile = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ada@example.org',
  display_name: 'Ada Lovelace',
  language: 'en',
  theme: 'light',
  admin: false,
  totp_enabled: false,
  created_at: '2026-01-01T00:00:00Z',
};

export function signIn(user: OwnProfile = USER): void {
  useSession.getState().signIn('plm_test', new Date(Date.now() + 3_600_000).toISOString(), user);
}

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

/**
 * fetch answered by "METHOD /path" handlers (path without query). Unknown requests fail the
 * test with a 500 naming them. Returns the calls made, in order.
 */
/** A handler, a Response, or a JSON body (200, or 201 for POST). */
export type Route = Handler | Response | Record<string, unknown> | readonly unknown[];

export function routeFetch(routes: Readonly<Record<string, Route>>): Call[] {
  const calls: Call[] = [];
  mockFetch(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) return jsonResponse(500, { code: 'internal', message: `unexpected ${method} ${url.pathname}` });
    if (typeof route === 'function') return (route as Handler)(call);
    if (route instanceof Response) return route.clone();
    return jsonResponse(method === 'POST' && route !== null ? 201 : 200, route);
  });
  return calls;
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Shows the current location, to check navigation. */
function Location() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export function renderPage(element: ReactElement, options: { path?: string; url?: string } = {}) {
  const path = options.path ?? '/';
  return render(
    <I18nProvider>
      <ThemeProvider>
        <MemoryRouter initialEntries={[options.url ?? path]}>
          <Routes>
            <Route path={path} element={element} />
            <Route path="*" element={null} />
          </Routes>
          <Location />
        </MemoryRouter>
      </ThemeProvider>
    </I18nProvider>,
  );
}

export function stubClipboard(ok = true) {
  const writeText = vi.fn(async () => {
    if (!ok) throw new DOMException('denied', 'NotAllowedError');
  });
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  return writeText;
}
