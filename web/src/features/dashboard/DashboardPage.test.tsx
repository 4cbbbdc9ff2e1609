import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, pendingFetch } from '../../test/fetchMock';
import { DashboardPage } from './DashboardPage';
import { meeting, occurrence, room, ROOM_ID } from './test/fixtures';
import { noContent, renderPage, routeFetch, signIn, stubClipboard } from './test/harness';

const EMPTY = {
  'GET /api/v1/events': { events: [] },
  'GET /api/v1/events/instances': { instances: [] },
  'GET /api/v1/users/me/invites': { invites: [], total: 0 },
};

// user-event typing is slow on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => {
  signIn();
});

function meetingItem(title: string): HTMLElement {
  const article = screen.getByRole('article', { name: title });
  const item = article.closest('li');
  if (item === null) throw new Error('no list item');
  return item;
}

describe('DashboardPage', () => {
  it('shows a loading state, then an empty state', async () => {
    routeFetch(EMPTY);
    renderPage(<DashboardPage />);
    expect(screen.getByText('Loading…').closest('[role="status"]')).not.toBeNull();
    expect(await screen.findByText(/No meetings planned for the next 30 days/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Meetings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Meet now' })).toBeInTheDocument();
  });

  it('asks for the next 30 days of occurrences in UTC without milliseconds', async () => {
    const calls = routeFetch(EMPTY);
    renderPage(<DashboardPage />);
    await screen.findByText(/No meetings planned/);
    const call = calls.find((c) => c.path === '/api/v1/events/instances');
    const from = call?.query.get('from') ?? '';
    const to = call?.query.get('to') ?? '';
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * 86_400_000);
  });

  it('lists running and upcoming occurrences grouped by day, with badges', async () => {
    const weekly = meeting({ id: 'e-1', title: 'Weekly', recurrence: { rrule: 'FREQ=WEEKLY', rdates: [], exdates: [] } });
    const review = meeting({ id: 'e-2', title: 'Review', room: room({ password: 'pw' }) });
    const invited = meeting({ id: 'e-3', title: 'Their call', can_manage: false, room: { id: ROOM_ID, password_required: false } });
    const anytime = meeting({ id: 'e-4', title: 'Team room', time_independent: true, starts_at: null, ends_at: null, time_zone: null });
    routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [weekly, review, invited, anytime] },
      'GET /api/v1/events/instances': {
        instances: [occurrence(weekly, -0.5), occurrence(review, 49), occurrence(invited, 50), occurrence(weekly, 24 * 7)],
      },
    });
    renderPage(<DashboardPage />);

    const now = await screen.findByRole('heading', { level: 3, name: 'Happening now' });
    expect(now.nextElementSibling).toHaveTextContent('Weekly');
    expect(screen.getAllByRole('article', { name: 'Weekly' })).toHaveLength(2);
    expect(within(meetingItem('Review')).getByText('Password protected')).toBeInTheDocument();
    expect(within(meetingItem('Their call')).getByText('Invited')).toBeInTheDocument();
    // Invitees may join but not manage.
    expect(within(meetingItem('Their call')).getByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(within(meetingItem('Their call')).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Meetings without a fixed time' })).toBeInTheDocument();
    expect(screen.getByText(/Times are shown in your time zone/)).toBeInTheDocument();
  });

  it('joins a meeting and opens the editor of an occurrence', async () => {
    const user = userEvent.setup();
    const weekly = meeting({ recurrence: { rrule: 'FREQ=WEEKLY', rdates: [], exdates: [] } });
    const next = occurrence(weekly, 3);
    routeFetch({ ...EMPTY, 'GET /api/v1/events': { events: [weekly] }, 'GET /api/v1/events/instances': { instances: [next] } });
    renderPage(<DashboardPage />);

    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/meetings/e-1/edit?occurrence=${encodeURIComponent(next.original_start)}`,
    );
  });

  it('goes to the room with "Join"', async () => {
    const user = userEvent.setup();
    const m = meeting();
    routeFetch({ ...EMPTY, 'GET /api/v1/events': { events: [m] }, 'GET /api/v1/events/instances': { instances: [occurrence(m, 2)] } });
    renderPage(<DashboardPage />);
    await user.click(await screen.findByRole('button', { name: 'Join' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`/room/${ROOM_ID}`);
  });

  it('copies a guest link, creating one when the room has none', async () => {
    const user = userEvent.setup();
    const writeText = stubClipboard();
    const m = meeting();
    const calls = routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [m] },
      'GET /api/v1/events/instances': { instances: [occurrence(m, 2)] },
      [`GET /api/v1/rooms/${ROOM_ID}/invites`]: { invites: [] },
      [`POST /api/v1/rooms/${ROOM_ID}/invites`]: { code: 'abc_DEF-1', room_id: ROOM_ID, expires_at: null, created_at: 'x' },
    });
    renderPage(<DashboardPage />);

    await user.click(await screen.findByRole('button', { name: 'Copy guest link' }));
    expect(await screen.findByText('Copied')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/invite/abc_DEF-1`);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows the guest link to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    stubClipboard(false);
    const m = meeting();
    routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [m] },
      'GET /api/v1/events/instances': { instances: [occurrence(m, 2)] },
      [`GET /api/v1/rooms/${ROOM_ID}/invites`]: {
        invites: [{ code: 'old', room_id: ROOM_ID, expires_at: null, created_at: 'x' }],
      },
    });
    renderPage(<DashboardPage />);
    await user.click(await screen.findByRole('button', { name: 'Copy guest link' }));
    expect(await screen.findByText(/Copying is not available here/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Guest link' })).toHaveValue(`${window.location.origin}/invite/old`);
  });

  it('hides the guest link when guests may not enter', async () => {
    const m = meeting({ room: room({ guest_access: 'disabled' }) });
    routeFetch({ ...EMPTY, 'GET /api/v1/events': { events: [m] }, 'GET /api/v1/events/instances': { instances: [occurrence(m, 2)] } });
    renderPage(<DashboardPage />);
    await screen.findByRole('article', { name: 'Team sync' });
    expect(screen.queryByRole('button', { name: 'Copy guest link' })).not.toBeInTheDocument();
  });

  it('toggles a favourite and filters by favourites', async () => {
    const user = userEvent.setup();
    const a = meeting({ id: 'a', title: 'Alpha' });
    const b = meeting({ id: 'b', title: 'Beta', favourite: true });
    const calls = routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [a, b] },
      'GET /api/v1/events/instances': { instances: [occurrence(a, 2), occurrence(b, 3)] },
      'PUT /api/v1/events/a/favourite': () => noContent(),
    });
    renderPage(<DashboardPage />);

    const star = within(await screen.findByRole('article', { name: 'Alpha' })).getByRole('button', { name: 'Favourite' });
    expect(star).toHaveAttribute('aria-pressed', 'false');
    await user.click(star);
    expect(star).toHaveAttribute('aria-pressed', 'true');
    expect(calls.some((c) => c.method === 'PUT' && c.path === '/api/v1/events/a/favourite')).toBe(true);

    await user.click(screen.getByRole('switch', { name: 'Favourites only' }));
    expect(screen.getByRole('article', { name: 'Alpha' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Beta' })).toBeInTheDocument();
    await user.click(within(screen.getByRole('article', { name: 'Beta' })).getByRole('button', { name: 'Favourite' }));
    // Unmarking fails: the star goes back and an error says so.
    expect(await screen.findByText('The favourite could not be changed.')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Beta' })).getByRole('button', { name: 'Favourite' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('cancels one occurrence of a series after asking', async () => {
    const user = userEvent.setup();
    const weekly = meeting({ recurrence: { rrule: 'FREQ=WEEKLY', rdates: [], exdates: [] } });
    const next = occurrence(weekly, 5);
    const calls = routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [weekly] },
      'GET /api/v1/events/instances': { instances: [next] },
      'POST /api/v1/events/e-1/exceptions': () => noContent(),
    });
    renderPage(<DashboardPage />);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete meeting' });
    expect(within(dialog).getByRole('radio', { name: /Only this occurrence/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('The occurrence of “Team sync” was cancelled.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/v1/events/e-1/exceptions')?.body).toEqual({
      original_start: next.original_start,
      cancelled: true,
    });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('deletes the whole series when chosen, and shows a failure in the dialog', async () => {
    const user = userEvent.setup();
    const weekly = meeting({ recurrence: { rrule: 'FREQ=WEEKLY', rdates: [], exdates: [] } });
    let attempts = 0;
    routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [weekly] },
      'GET /api/v1/events/instances': { instances: [occurrence(weekly, 5)] },
      'DELETE /api/v1/events/e-1': () => {
        attempts += 1;
        return attempts === 1 ? jsonResponse(503, { code: 'unavailable', message: 'busy' }) : noContent();
      },
    });
    renderPage(<DashboardPage />);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('radio', { name: 'The whole series' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The meeting could not be deleted.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('“Team sync” was deleted.')).toBeInTheDocument();
  });

  it('answers an invitation', async () => {
    const user = userEvent.setup();
    const theirs = meeting({ id: 'e-9', title: 'Board meeting', can_manage: false, room: { id: ROOM_ID, password_required: true } });
    const calls = routeFetch({
      ...EMPTY,
      'GET /api/v1/events': { events: [theirs] },
      'GET /api/v1/users/me/invites': {
        invites: [{ event_id: 'e-9', user_id: 'me', email: null, role: 'moderator', status: 'pending', created_at: 'x', user_name: 'Me', user_email: 'me@example.org' }],
        total: 1,
      },
      'POST /api/v1/events/e-9/invites/respond': () => noContent(),
    });
    renderPage(<DashboardPage />);

    const group = await screen.findByRole('group', { name: 'Answer the invitation to Board meeting' });
    expect(screen.getByText('as moderator')).toBeInTheDocument();
    await user.click(within(group).getByRole('button', { name: 'Maybe' }));
    expect(await screen.findByText('You answered “maybe” to “Board meeting”.')).toBeInTheDocument();
    expect(calls.find((c) => c.path.endsWith('/respond'))?.body).toEqual({ status: 'tentative' });
  });

  it('shows an error with retry when loading fails', async () => {
    const user = userEvent.setup();
    let fail = true;
    mockFetch(async (input) => {
      if (fail) throw new TypeError('Failed to fetch');
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === '/api/v1/events') return jsonResponse(200, { events: [] });
      if (path === '/api/v1/events/instances') return jsonResponse(200, { instances: [] });
      return jsonResponse(200, { invites: [], total: 0 });
    });
    renderPage(<DashboardPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your meetings could not be loaded.');
    expect(alert).toHaveTextContent('The server is not reachable.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No meetings planned/)).toBeInTheDocument();
  });

  it('joins by a pasted link and refuses other text', async () => {
    const user = userEvent.setup();
    mockFetch(pendingFetch);
    renderPage(<DashboardPage />);
    const field = screen.getByRole('textbox', { name: 'Meeting link or ID' });
    await user.type(field, 'hello{Enter}');
    expect(field).toHaveAccessibleDescription(/This is not a meeting link or meeting ID./);
    await user.clear(field);
    await user.type(field, `https://meet.example.org/invite/xyz{Enter}`);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/invite/xyz'));
  });
});

describe('Meet now', () => {
  it('creates an ad-hoc meeting and shows links, password and dial-in data to copy', async () => {
    const user = userEvent.setup();
    const adhoc = meeting({
      id: 'e-now',
      title: 'Meeting of Ada Lovelace',
      adhoc: true,
      time_independent: true,
      starts_at: null,
      ends_at: null,
      time_zone: null,
      room: room({ password: 's3cret' }),
    });
    const calls = routeFetch({
      ...EMPTY,
      'POST /api/v1/events': adhoc,
      [`GET /api/v1/rooms/${ROOM_ID}/invites`]: { invites: [] },
      [`POST /api/v1/rooms/${ROOM_ID}/invites`]: { code: 'guest1', room_id: ROOM_ID, expires_at: null, created_at: 'x' },
      [`GET /api/v1/rooms/${ROOM_ID}/dial_in`]: { room_id: ROOM_ID, numeric_id: '1234567890', pin: '0987654321' },
    });
    renderPage(<DashboardPage />);
    const writeText = stubClipboard();

    await user.click(screen.getByRole('button', { name: 'Meet now' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your meeting is ready' });
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/events')?.body).toEqual({
      title: 'Meeting of Ada Lovelace',
      adhoc: true,
    });
    expect(within(dialog).getByRole('textbox', { name: 'Meeting link' })).toHaveValue(`${window.location.origin}/room/${ROOM_ID}`);
    expect(await within(dialog).findByRole('textbox', { name: 'Guest link' })).toHaveValue(
      `${window.location.origin}/invite/guest1`,
    );
    expect(within(dialog).getByRole('textbox', { name: 'Password' })).toHaveValue('s3cret');
    expect(await within(dialog).findByRole('textbox', { name: 'Meeting ID' })).toHaveValue('1234567890');
    expect(within(dialog).getByRole('textbox', { name: 'PIN' })).toHaveValue('0987654321');

    await user.click(within(dialog).getByRole('button', { name: 'Copy PIN' }));
    expect(writeText).toHaveBeenCalledWith('0987654321');
    expect(await within(dialog).findByText('Copied')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Join now' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`/room/${ROOM_ID}`);
  });

  it('shows an error with retry when the meeting cannot be created', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    routeFetch({
      ...EMPTY,
      'POST /api/v1/events': () => {
        attempts += 1;
        return jsonResponse(503, { code: 'unavailable', message: 'starting' });
      },
    });
    renderPage(<DashboardPage />);
    await user.click(screen.getByRole('button', { name: 'Meet now' }));
    const dialog = await screen.findByRole('dialog', { name: 'Meet now' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The meeting could not be created.');
    await user.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(attempts).toBe(2));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
