import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../test/fetchMock';
import { MeetingEditorPage } from './MeetingEditorPage';
import { meeting, room } from './test/fixtures';
import { noContent, renderPage, routeFetch, signIn } from './test/harness';

// user-event typing is slow on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => {
  signIn();
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
    ...new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin' }).resolvedOptions(),
  });
});

const NEW = { path: '/meetings/new' };
const EDIT = { path: '/meetings/:eventId/edit' };

async function fillDateTime(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const field = screen.getByLabelText(label);
  await user.clear(field);
  await user.type(field, value);
}

describe('MeetingEditorPage: planning', () => {
  it('creates a weekly meeting with room settings and invitations', async () => {
    const user = userEvent.setup();
    const created = meeting({ id: 'new-1' });
    const calls = routeFetch({
      'POST /api/v1/events': created,
      'GET /api/v1/users': {
        users: [
          { id: '11111111-1111-4111-8111-111111111111', display_name: 'Ada Lovelace', email: 'ada@example.org' },
          { id: 'u-grace', display_name: 'Grace Hopper', email: 'grace@example.org' },
        ],
      },
      'POST /api/v1/events/new-1/invites': () => new Response(null, { status: 201 }),
    });
    renderPage(<MeetingEditorPage />, NEW);

    expect(screen.getByRole('heading', { level: 1, name: 'Plan a meeting' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Planning');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Quarterly');
    await fillDateTime(user, 'Start date', '2026-12-01');
    await fillDateTime(user, 'Start time', '09:00');
    await fillDateTime(user, 'End date', '2026-12-01');
    await fillDateTime(user, 'End time', '10:30');
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    const days = screen.getByRole('group', { name: 'On these days' });
    expect(within(days).getByRole('checkbox', { name: 'Tuesday' })).toBeChecked();
    await user.click(within(days).getByRole('checkbox', { name: 'Thursday' }));
    await user.click(screen.getByRole('radio', { name: 'After a number of occurrences' }));
    const count = screen.getByRole('spinbutton', { name: 'Number of occurrences' });
    await user.clear(count);
    await user.type(count, '8');

    await user.type(screen.getByRole('textbox', { name: 'Room password' }), 'pw');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Waiting room' }), 'guests');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Guest access' }), 'direct');

    await user.type(screen.getByRole('searchbox', { name: 'Find people with an account' }), 'hop');
    // The organiser is not offered.
    const invite = await screen.findByRole('button', { name: 'Invite Grace Hopper' });
    expect(screen.queryByRole('button', { name: 'Invite Ada Lovelace' })).not.toBeInTheDocument();
    expect(screen.getByText('Search results: 1')).toBeInTheDocument();
    await user.click(invite);
    await user.type(screen.getByRole('textbox', { name: 'Invite by e-mail address' }), 'guest@example.org');
    const roles = screen.getAllByRole('combobox', { name: 'Role' });
    await user.selectOptions(roles[1]!, 'moderator');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('button', { name: 'Remove guest@example.org' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create meeting' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));

    expect(calls.find((c) => c.path === '/api/v1/users')?.query.get('q')).toBe('hop');
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/v1/events')?.body).toEqual({
      title: 'Planning',
      description: 'Quarterly',
      time_independent: false,
      all_day: false,
      starts_at: '2026-12-01T09:00:00',
      ends_at: '2026-12-01T10:30:00',
      time_zone: 'Europe/Berlin',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8', rdates: [], exdates: [] },
      room: { password: 'pw', waiting_room: 'guests', guest_access: 'direct' },
    });
    expect(calls.filter((c) => c.path === '/api/v1/events/new-1/invites').map((c) => c.body)).toEqual([
      { user_id: 'u-grace', role: 'user' },
      { email: 'guest@example.org', role: 'moderator' },
    ]);
  });

  it('keeps the page when an invitation fails and sends only that one again as an update', async () => {
    const user = userEvent.setup();
    const created = meeting({ id: 'new-2' });
    let inviteAttempts = 0;
    const calls = routeFetch({
      'POST /api/v1/events': created,
      'PATCH /api/v1/events/new-2': created,
      'POST /api/v1/events/new-2/invites': (call) => {
        inviteAttempts += 1;
        const body = call.body as { email?: string };
        return body.email === 'bad@example.org' && inviteAttempts < 3
          ? jsonResponse(422, { code: 'invalid_argument', message: 'not accepted', field: 'email' })
          : new Response(null, { status: 201 });
      },
    });
    renderPage(<MeetingEditorPage />, NEW);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'x');
    for (const address of ['good@example.org', 'bad@example.org']) {
      await user.type(screen.getByRole('textbox', { name: 'Invite by e-mail address' }), address);
      await user.click(screen.getByRole('button', { name: 'Add' }));
    }
    await user.click(screen.getByRole('button', { name: 'Create meeting' }));

    const alert = await screen.findByText(/some invitations failed: bad@example.org/);
    expect(alert).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/meetings/new');
    const good = screen.getByRole('button', { name: 'Remove good@example.org' }).closest('li');
    expect(good).toHaveTextContent('good@example.org · Guest · no answer yet');
    const bad = screen.getByRole('button', { name: 'Remove bad@example.org' }).closest('li');
    expect(bad).toHaveTextContent('bad@example.org · Guest · will be invited');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/events')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    const invited = calls.filter((c) => c.path === '/api/v1/events/new-2/invites').map((c) => (c.body as { email: string }).email);
    expect(invited).toEqual(['good@example.org', 'bad@example.org', 'bad@example.org']);
  });

  it('searches only from 3 characters', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({ 'GET /api/v1/users': { users: [] } });
    renderPage(<MeetingEditorPage />, NEW);
    await user.type(screen.getByRole('searchbox', { name: 'Find people with an account' }), 'ab');
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.filter((c) => c.path === '/api/v1/users')).toHaveLength(0);
    await user.type(screen.getByRole('searchbox', { name: 'Find people with an account' }), 'c');
    expect(await screen.findByText('Nobody found.')).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/v1/users')).toHaveLength(1);
  });

  it('shows validation messages at the fields and sends nothing', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({});
    renderPage(<MeetingEditorPage />, NEW);
    await fillDateTime(user, 'End date', '2020-01-01');
    await user.type(screen.getByRole('textbox', { name: 'Invite by e-mail address' }), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('textbox', { name: 'Invite by e-mail address' })).toHaveAccessibleDescription(
      'Please enter a valid e-mail address.',
    );

    await user.click(screen.getByRole('button', { name: 'Create meeting' }));
    const title = screen.getByRole('textbox', { name: 'Title' });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('Please enter a title.');
    expect(title).toHaveFocus();
    expect(screen.getByLabelText('End time')).toHaveAccessibleDescription('The end must be after the start.');
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.');
    expect(calls).toHaveLength(0);
  });

  it('shows the server’s invalid_argument at the field it names', async () => {
    const user = userEvent.setup();
    routeFetch({
      'POST /api/v1/events': jsonResponse(422, { code: 'invalid_argument', message: 'unknown zone', field: 'time_zone' }),
    });
    renderPage(<MeetingEditorPage />, NEW);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Create meeting' }));
    const zone = screen.getByRole('combobox', { name: 'Time zone' });
    await waitFor(() => expect(zone).toHaveAttribute('aria-invalid', 'true'));
    expect(zone).toHaveAccessibleDescription('The server did not accept this: unknown zone');
  });

  it('plans a time-independent meeting without dates', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({ 'POST /api/v1/events': meeting() });
    renderPage(<MeetingEditorPage />, NEW);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Team room');
    await user.click(screen.getByRole('checkbox', { name: /No fixed date/ }));
    expect(screen.queryByLabelText('Start date')).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Repeat' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create meeting' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ title: 'Team room', time_independent: true });
    expect(calls[0]?.body).not.toHaveProperty('starts_at');
  });

  it('builds a custom rule', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({ 'POST /api/v1/events': meeting() });
    renderPage(<MeetingEditorPage />, NEW);
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'x');
    // Times set explicitly: the defaults follow the clock (23:30 starts end at 00:30 the next day).
    await fillDateTime(user, 'Start date', '2026-12-01');
    await fillDateTime(user, 'Start time', '09:00');
    await fillDateTime(user, 'End date', '2026-12-01');
    await fillDateTime(user, 'End time', '10:00');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Repeat' }), 'custom');
    const every = screen.getByRole('spinbutton', { name: 'Repeat every' });
    await user.clear(every);
    await user.type(every, '3');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), 'MONTHLY');
    await user.click(screen.getByRole('radio', { name: 'On a date' }));
    await fillDateTime(user, 'Last date', '2027-06-30');
    await user.click(screen.getByRole('button', { name: 'Create meeting' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;UNTIL=20270630' } });
  });
});

describe('MeetingEditorPage: editing', () => {
  const series = meeting({
    id: 'e-1',
    title: 'Weekly sync',
    starts_at: '2026-11-23T09:00:00',
    ends_at: '2026-11-23T09:30:00',
    time_zone: 'Europe/Berlin',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', rdates: [], exdates: [] },
    room: room({ password: 'pw', waiting_room: 'everyone' }),
  });
  const invites = {
    invites: [
      { event_id: 'e-1', user_id: 'u-77777777', email: null, role: 'user', status: 'accepted', created_at: 'x', user_name: 'Alan Turing', user_email: 'alan@example.org' },
      { event_id: 'e-1', user_id: null, email: 'g@example.org', role: 'guest', status: 'pending', created_at: 'x', user_name: null, user_email: null },
    ],
    total: 2,
  };

  it('asks “this occurrence or the whole series” and saves the series', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({
      'GET /api/v1/events/e-1': series,
      'GET /api/v1/events/e-1/invites': invites,
      'PATCH /api/v1/events/e-1': series,
      'DELETE /api/v1/events/e-1/invites': () => noContent(),
    });
    renderPage(<MeetingEditorPage />, { ...EDIT, url: '/meetings/e-1/edit?occurrence=2026-11-30T09:00:00' });

    expect(await screen.findByRole('heading', { name: 'This meeting repeats' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'The whole series' }));

    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveValue('Weekly sync');
    expect(screen.getByRole('combobox', { name: 'Repeat' })).toHaveValue('weekly');
    expect(screen.getByRole('textbox', { name: 'Room password' })).toHaveValue('pw');
    expect(screen.getByText('Alan Turing (alan@example.org)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove g@example.org' }));
    const title = screen.getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Weekly sync (new)');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toMatchObject({
      title: 'Weekly sync (new)',
      starts_at: '2026-11-23T09:00:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', rdates: [], exdates: [] },
      room: { password: 'pw', waiting_room: 'everyone', guest_access: 'waiting_room' },
    });
    const withdraw = calls.find((c) => c.method === 'DELETE');
    expect(withdraw?.query.get('email')).toBe('g@example.org');
  });

  it('moves one occurrence', async () => {
    const user = userEvent.setup();
    const calls = routeFetch({
      'GET /api/v1/events/e-1': series,
      'GET /api/v1/events/e-1/invites': invites,
      'GET /api/v1/events/e-1/instances': {
        instances: [
          {
            original_start: '2026-11-30T09:00:00',
            starts_at: '2026-11-30T09:00:00',
            ends_at: '2026-11-30T09:30:00',
            starts_at_utc: '2026-11-30T08:00:00Z',
            ends_at_utc: '2026-11-30T08:30:00Z',
            moved: false,
          },
        ],
      },
      'POST /api/v1/events/e-1/exceptions': () => noContent(),
    });
    renderPage(<MeetingEditorPage />, { ...EDIT, url: '/meetings/e-1/edit?occurrence=2026-11-30T09:00:00' });

    await user.click(await screen.findByRole('button', { name: 'Only this occurrence' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Edit one occurrence' })).toBeInTheDocument();
    expect(screen.getByLabelText('Start time')).toHaveValue('09:00');
    expect(screen.queryByRole('textbox', { name: 'Title' })).not.toBeInTheDocument();
    await fillDateTime(user, 'Start time', '11:00');
    await fillDateTime(user, 'End time', '11:45');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(calls.find((c) => c.path.endsWith('/exceptions'))?.body).toEqual({
      original_start: '2026-11-30T09:00:00',
      starts_at: '2026-11-30T11:00:00',
      ends_at: '2026-11-30T11:45:00',
    });
    const window = calls.find((c) => c.path.endsWith('/instances'));
    expect(window?.query.get('from')).toBe('2026-10-01T00:00:00Z');
  });

  it('tells invitees they cannot edit', async () => {
    routeFetch({ 'GET /api/v1/events/e-1': { ...series, can_manage: false, room: { id: 'r', password_required: true } } });
    renderPage(<MeetingEditorPage />, { ...EDIT, url: '/meetings/e-1/edit' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Only the organiser can change this meeting.');
  });

  it('shows a load error with retry', async () => {
    routeFetch({ 'GET /api/v1/events/e-1': jsonResponse(404, { code: 'not_found', message: 'no such event' }) });
    renderPage(<MeetingEditorPage />, { ...EDIT, url: '/meetings/e-1/edit' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The meeting could not be loaded.');
    expect(alert).toHaveTextContent('This meeting does not exist');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
