import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../../auth/session';
import { I18nProvider } from '../../i18n';
import { patchMeetingState } from '../../meeting/testing';
import { jsonResponse, mockFetch } from '../../test/fetchMock';
import { ThemeProvider } from '../../theme';
import { RoomEntryPage } from './RoomEntryPage';

// The meeting core is exercised against the real server by the end-to-end tests; here only the
// lobby's decisions matter, so its entry points are recorded.
const joinMeeting = vi.fn();
vi.mock('../../meeting', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../meeting')>()),
  joinMeeting: (...args: unknown[]) => joinMeeting(...args) as unknown,
  hasResumableMeeting: () => false,
}));

class FakeStream {
  getTracks() {
    return [];
  }
  getVideoTracks() {
    return [];
  }
  getAudioTracks() {
    return [];
  }
}

const ROOM = '3f9d7a2e-1111-4222-8333-444455556666';
const ADMISSION = { ticket: 'tkt', expires_in: 30, room_id: ROOM, signaling_url: 'ws://127.0.0.1:8080/signaling' };

function renderAt(path: string) {
  return render(
    <I18nProvider>
      <ThemeProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/room/:roomId" element={<RoomEntryPage />} />
            <Route path="/invite/:inviteCode" element={<RoomEntryPage />} />
            <Route path="/signin" element={<p>sign-in page</p>} />
          </Routes>
        </MemoryRouter>
      </ThemeProvider>
    </I18nProvider>,
  );
}

describe('RoomEntryPage', () => {
  beforeEach(() => {
    useSession.getState().signOut();
    vi.stubGlobal('MediaStream', FakeStream);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: vi.fn(async () => new FakeStream()) },
    });
    joinMeeting.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says so when a guest link is not valid', async () => {
    mockFetch(async () => jsonResponse(404, { code: 'not_found', message: 'no such invite' }));
    renderAt('/invite/bad');
    expect(await screen.findByRole('heading', { name: /guest link is not valid/ })).toBeInTheDocument();
  });

  it('lets a guest join with a name and the password the link needs, and explains a wrong password', async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    let attempt = 0;
    mockFetch(async (input, init) => {
      if (String(input).endsWith('/invites/verify')) return jsonResponse(200, { room_id: ROOM, password_required: true });
      bodies.push(JSON.parse(String(init?.body)));
      attempt += 1;
      return attempt === 1 ? jsonResponse(403, { code: 'wrong_password', message: 'no' }) : jsonResponse(200, ADMISSION);
    });
    joinMeeting.mockImplementation(async () => {
      patchMeetingState((s) => ({ ...s, phase: 'waiting' }));
      return { phase: 'waiting', participantId: 'p1' };
    });
    renderAt('/invite/abc123');

    await user.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Grace');
    await user.type(screen.getByLabelText('Meeting password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Join meeting' }));
    expect(await screen.findByText('The password is wrong.')).toBeInTheDocument();
    expect(joinMeeting).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Meeting password'));
    await user.type(screen.getByLabelText('Meeting password'), 'right');
    await user.click(screen.getByRole('button', { name: 'Join meeting' }));
    expect(await screen.findByRole('heading', { name: /you will be admitted shortly/ })).toBeInTheDocument();
    expect(bodies).toEqual([
      { invite_code: 'abc123', display_name: 'Grace', password: 'wrong' },
      { invite_code: 'abc123', display_name: 'Grace', password: 'right' },
    ]);
    expect(joinMeeting).toHaveBeenCalledWith(
      expect.objectContaining({ roomId: ROOM, ticket: 'tkt', signalingUrl: 'ws://127.0.0.1:8080/signaling' }),
    );
  });

  it('asks for a name before asking the server', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(async () => jsonResponse(200, { room_id: ROOM, password_required: false }));
    renderAt('/invite/abc123');
    await user.click(await screen.findByRole('button', { name: 'Join meeting' }));
    expect(await screen.findByText('Please enter your name.')).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1); // only the link check
  });

  it('sends people who are not signed in from a room link to the sign-in page', async () => {
    mockFetch(async () => jsonResponse(200, {}));
    renderAt(`/room/${ROOM}`);
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
  });

  it('explains a full meeting', async () => {
    const user = userEvent.setup();
    mockFetch(async (input) =>
      String(input).endsWith('/invites/verify')
        ? jsonResponse(200, { room_id: ROOM, password_required: false })
        : jsonResponse(409, { code: 'conflict', message: 'full' }),
    );
    renderAt('/invite/abc123');
    await user.type(await screen.findByRole('textbox', { name: 'Your name' }), 'Grace{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The meeting is full.');
  });
});
