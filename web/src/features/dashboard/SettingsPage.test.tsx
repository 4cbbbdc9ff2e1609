import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../../auth/session';
import { jsonResponse } from '../../test/fetchMock';
import { SettingsPage } from './SettingsPage';
import { noContent, renderPage, routeFetch, signIn, USER } from './test/harness';

vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => signIn());

const SETTINGS = { path: '/settings' };

describe('SettingsPage: profile', () => {
  it('saves name, language and theme and applies them at once', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({
      'PATCH /api/v1/users/me': { ...USER, display_name: 'Ada King', language: 'de', theme: 'high_contrast' },
    });
    renderPage(<SettingsPage />, SETTINGS);

    const name = screen.getByRole('textbox', { name: 'Display name' });
    expect(name).toHaveValue('Ada Lovelace');
    await user.clear(name);
    await user.type(name, '  Ada King ');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'de');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Theme' }), 'high-contrast');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Ihre Einstellungen wurden gespeichert.')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ display_name: 'Ada King', language: 'de', theme: 'high_contrast' });
    expect(document.documentElement.lang).toBe('de');
    expect(document.documentElement.dataset.theme).toBe('high-contrast');
    expect(useSession.getState().session?.user.display_name).toBe('Ada King');
    expect(screen.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeInTheDocument();
  });

  it('wants a display name and shows server errors at the field', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({
      'PATCH /api/v1/users/me': jsonResponse(422, {
        code: 'invalid_argument',
        message: 'no control characters',
        field: 'display_name',
      }),
    });
    renderPage(<SettingsPage />, SETTINGS);
    const name = screen.getByRole('textbox', { name: 'Display name' });
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(name).toHaveAccessibleDescription('Please enter a display name.');
    expect(calls).toHaveLength(0);

    await user.type(name, 'Ada');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('The server did not accept this: no control characters'));
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('SettingsPage: two-step sign-in', () => {
  it('enrols with the secret and a code from the app', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({
      'POST /api/v1/users/me/totp': { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Plenum:ada?secret=JBSWY3DPEHPK3PXP' },
      'POST /api/v1/users/me/totp/confirm': (call) =>
        (call.body as { code: string }).code === '123456'
          ? noContent()
          : jsonResponse(422, { code: 'invalid_argument', message: 'the code does not match', field: 'code' }),
      'GET /api/v1/users/me': { ...USER, totp_enabled: true },
    });
    renderPage(<SettingsPage />, SETTINGS);

    expect(screen.getByText('Two-step sign-in is off.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up two-step sign-in' }));
    expect(await screen.findByRole('textbox', { name: 'Secret key' })).toHaveValue('JBSWY3DPEHPK3PXP');
    expect(screen.getByRole('link', { name: 'Open in authenticator app' })).toHaveAttribute(
      'href',
      'otpauth://totp/Plenum:ada?secret=JBSWY3DPEHPK3PXP',
    );

    const code = screen.getByRole('textbox', { name: 'Code from the app' });
    await user.type(code, '12');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(code).toHaveAccessibleDescription('Please enter the 6-digit code from your app.');

    await user.clear(code);
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/This code is not correct/));

    await user.clear(code);
    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Two-step sign-in is now on.')).toBeInTheDocument();
    expect(calls.filter((c) => c.path.endsWith('/confirm')).at(-1)?.body).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      code: '123456',
    });
    expect(useSession.getState().session?.user.totp_enabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Turn off two-step sign-in' })).toBeInTheDocument();
  });

  it('turns the second factor off with a current code', async () => {
    const user = userEvent.setup();
    signIn({ ...USER, totp_enabled: true });
    routeFetch({
      'POST /api/v1/users/me/totp/disable': () => noContent(),
      'GET /api/v1/users/me': { ...USER, totp_enabled: false },
    });
    renderPage(<SettingsPage />, SETTINGS);
    const section = screen.getByRole('region', { name: 'Two-step sign-in' });
    await user.type(within(section).getByRole('textbox', { name: 'Current code from the app' }), '654321');
    await user.click(within(section).getByRole('button', { name: 'Turn off two-step sign-in' }));
    expect(await screen.findByText('Two-step sign-in is now off.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set up two-step sign-in' })).toBeInTheDocument();
  });

  it('shows an error when the server refuses to start', async () => {
    const user = userEvent.setup();
    routeFetch({ 'POST /api/v1/users/me/totp': jsonResponse(409, { code: 'conflict', message: 'the second factor is on already' }) });
    renderPage(<SettingsPage />, SETTINGS);
    await user.click(screen.getByRole('button', { name: 'Set up two-step sign-in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The second factor could not be changed.');
    expect(alert).toHaveTextContent('the second factor is on already');
  });
});
