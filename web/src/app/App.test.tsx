import type React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SignInPage } from '../features/auth';
import { jsonResponse, mockFetch as mockAnyFetch, pendingFetch, setBrowserLanguages } from '../test/fetchMock';
import { setSystemPreferences } from '../test/matchMedia';
import { renderPage } from '../test/renderPage';

const VERSION = { name: 'Plenum', version: '0.1.0' };
const AUTH_CONFIG = { password: true, oidc: false, oidc_issuer: null, oidc_client_id: null, oidc_resource: null, password_min_length: 10 };

/** The app shell at the sign-in page, which also shows the server status. */
function App() {
  return <SignInPage />;
}
const render = (page: React.ReactElement) => renderPage(page, { route: '/signin' });

/** Sign-in options answer at once; `impl` answers the server-version request. */
function mockFetch(impl: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  return mockAnyFetch(async (input, init) =>
    String(input).endsWith('/api/v1/auth/config') ? jsonResponse(200, AUTH_CONFIG) : impl(input, init),
  );
}

describe('App shell and sign-in page', () => {
  it('shows the product name, a description and the server version', async () => {
    const fetch = mockFetch(async () => jsonResponse(200, VERSION));
    render(<App />);

    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'E-mail address' })).toBeInTheDocument();
    expect(screen.getByText(/self-hosted video conferencing/i)).toBeInTheDocument();
    expect(await screen.findByText('Server version 0.1.0')).toBeInTheDocument();
    expect(screen.queryByText('Connecting to server…')).not.toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith('/api/v1/version', expect.objectContaining({ method: 'GET' }));
  });

  it('shows a loading state while the server has not answered', () => {
    mockFetch(pendingFetch);
    render(<App />);
    expect(screen.getByText('Connecting to server…')).toBeInTheDocument();
  });

  it('shows a translated error with the server message when the API answers with error JSON', async () => {
    mockFetch(async () => jsonResponse(503, { code: 'unavailable', message: 'Server is starting' }));
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the server status.');
    expect(alert).toHaveTextContent('The server answered with an error (HTTP 503).');
    expect(alert).toHaveTextContent('Details: Server is starting (unavailable)');
    expect(screen.queryByText(/Server version/)).not.toBeInTheDocument();
  });

  it('shows a network error message when the server cannot be reached', async () => {
    mockFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server is not reachable. Please check your network connection');
    expect(alert).not.toHaveTextContent('Failed to fetch');
  });

  it('shows an error when the server answers with something unexpected', async () => {
    mockFetch(async () => new Response('<html>proxy error</html>', { status: 200 }));
    render(<App />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server sent an unexpected answer.');
  });

  it('loads the version again when the user presses "Try again"', async () => {
    const user = userEvent.setup();
    let calls = 0;
    mockFetch(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return jsonResponse(200, VERSION);
    });
    render(<App />);

    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Server version 0.1.0')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('has header and main landmarks and labelled controls', () => {
    mockFetch(pendingFetch);
    render(<App />);
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('combobox', { name: 'Language' })).toBeInTheDocument();
    expect(within(header).getByRole('combobox', { name: 'Theme' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main-content');
  });
});

describe('App language', () => {
  it('uses German when the browser prefers German', async () => {
    setBrowserLanguages('de-DE', 'en');
    mockFetch(async () => jsonResponse(200, VERSION));
    render(<App />);

    expect(screen.getByText('Verbindung zum Server wird hergestellt…')).toBeInTheDocument();
    expect(await screen.findByText('Serverversion 0.1.0')).toBeInTheDocument();
    expect(screen.getByText(/Selbst gehostete Videokonferenzen/)).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
  });

  it('shows German error messages', async () => {
    setBrowserLanguages('de');
    mockFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Der Serverstatus konnte nicht geladen werden.');
    expect(within(alert).getByRole('button', { name: 'Erneut versuchen' })).toBeInTheDocument();
  });

  it('falls back to English for unsupported browser languages', () => {
    setBrowserLanguages('fr-FR');
    mockFetch(pendingFetch);
    render(<App />);
    expect(screen.getByText('Connecting to server…')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches language with the visible switch and remembers the choice', async () => {
    const user = userEvent.setup();
    mockFetch(async () => jsonResponse(200, VERSION));
    const { unmount } = render(<App />);
    await screen.findByText('Server version 0.1.0');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'de');

    expect(screen.getByText('Serverversion 0.1.0')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
    expect(document.documentElement.lang).toBe('de');
    expect(window.localStorage.getItem('plenum.language')).toBe('de');

    unmount();
    render(<App />);
    expect(await screen.findByText('Serverversion 0.1.0')).toBeInTheDocument();
  });
});

describe('App theme', () => {
  it('defaults to light', () => {
    mockFetch(pendingFetch);
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('light');
    // Nothing chosen yet: the switch says it follows the system.
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveDisplayValue('As the system');
  });

  it('follows a dark system preference', () => {
    setSystemPreferences({ dark: true });
    mockFetch(pendingFetch);
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('uses high contrast when the system asks for more contrast', () => {
    setSystemPreferences({ dark: true, moreContrast: true });
    mockFetch(pendingFetch);
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('high-contrast');
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveValue('system');
  });

  it('switches theme with the keyboard and remembers the choice', async () => {
    const user = userEvent.setup();
    mockFetch(pendingFetch);
    const { unmount } = render(<App />);

    const themeSelect = screen.getByRole('combobox', { name: 'Theme' });
    await user.tab(); // skip link
    await user.tab(); // brand link to the start page
    await user.tab(); // language
    await user.tab(); // theme
    expect(themeSelect).toHaveFocus();
    await user.selectOptions(themeSelect, 'dark');

    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('plenum.theme')).toBe('dark');

    unmount();
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('goes back to following the system', async () => {
    const user = userEvent.setup();
    setSystemPreferences({ dark: true });
    window.localStorage.setItem('plenum.theme', 'light');
    mockFetch(pendingFetch);
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'system');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('plenum.theme')).toBeNull();
  });
});
