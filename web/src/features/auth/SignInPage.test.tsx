import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../../auth/session';
import { jsonResponse, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/renderPage';
import { SignInPage } from './SignInPage';

const CONFIG = { password: true, oidc: false, oidc_issuer: null, oidc_client_id: null, oidc_resource: null, password_min_length: 10 };
const USER = {
  id: '7f0c1c5e-0000-4000-8000-000000000001',
  email: 'ada@example.org',
  display_name: 'Ada',
  language: 'de',
  theme: 'dark',
  admin: false,
  totp_enabled: true,
  created_at: '2026-01-01T00:00:00Z',
};
const LOGIN = { access_token: 'plm_abc', token_type: 'Bearer', expires_at: '2099-01-01T00:00:00Z', user: USER };

function server(login: (body: Record<string, unknown>) => Response) {
  return mockFetch(async (input, init) => {
    const url = String(input);
    if (url.endsWith('/auth/config')) return jsonResponse(200, CONFIG);
    if (url.endsWith('/auth/login')) return login(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return jsonResponse(200, { name: 'Plenum', version: '0.1.0' });
  });
}

const page = () => renderPage(<SignInPage />, { route: '/signin', path: '/signin?next=%2Froom%2Fr1' });

describe('SignInPage', () => {
  beforeEach(() => useSession.getState().signOut());

  it('signs in with e-mail, password and the second factor, then applies the account settings', async () => {
    const user = userEvent.setup();
    const bodies: Record<string, unknown>[] = [];
    server((body) => {
      bodies.push(body);
      return body.totp === '123456'
        ? jsonResponse(200, LOGIN)
        : jsonResponse(401, { code: 'second_factor_required', message: 'code needed', field: 'totp' });
    });
    page();
    await user.type(await screen.findByRole('textbox', { name: 'E-mail address' }), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByRole('textbox', { name: 'Code from your authenticator app' });
    expect(code).toHaveFocus();
    await user.type(code, '123456{Enter}');
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(bodies).toEqual([
      { email: 'ada@example.org', password: 'correct horse battery' },
      { email: 'ada@example.org', password: 'correct horse battery', totp: '123456' },
    ]);
    expect(useSession.getState().session?.token).toBe('plm_abc');
    expect(document.documentElement.lang).toBe('de');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('says that the credentials are wrong without revealing which', async () => {
    const user = userEvent.setup();
    server(() => jsonResponse(401, { code: 'unauthenticated', message: 'no' }));
    page();
    await user.type(await screen.findByRole('textbox', { name: 'E-mail address' }), 'x@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The e-mail address or the password is wrong.');
    expect(useSession.getState().session).toBeNull();
  });

  it('explains the rate limit', async () => {
    const user = userEvent.setup();
    server(() => jsonResponse(429, { code: 'too_many_requests', message: 'slow down' }));
    page();
    await user.type(await screen.findByRole('textbox', { name: 'E-mail address' }), 'x@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong-password{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts');
  });

  it('offers the organisation sign-in when the server has OpenID Connect', async () => {
    mockFetch(async (input) =>
      String(input).endsWith('/auth/config')
        ? jsonResponse(200, { ...CONFIG, password: false, oidc: true, oidc_issuer: 'https://id.example.org', oidc_client_id: 'plenum' })
        : jsonResponse(200, { name: 'Plenum', version: '0.1.0' }),
    );
    page();
    expect(await screen.findByRole('button', { name: 'Sign in with your organisation account' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'E-mail address' })).not.toBeInTheDocument();
  });
});
