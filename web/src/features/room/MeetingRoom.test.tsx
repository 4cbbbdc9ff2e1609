import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { injectRemoteStream, patchMeetingState, SELF, setMeetingState } from '../../meeting/testing';
import { MeetingRoom } from './MeetingRoom';
import { useRoomUi } from './state/roomUi';
import { fakeLayout, joinedState, mockActions, person, renderWithI18n } from './testing/roomState';

const ALICE = person('p-alice', { role: 'moderator', joined_at: 1000 });
const BOB = person('p-bob', { kind: 'guest', joined_at: 2000 });

function renderRoom(onLeave = vi.fn()) {
  renderWithI18n(<MeetingRoom onLeave={onLeave} />);
  return onLeave;
}

describe('MeetingRoom', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('shows a tile per participant and the toolbar with stable names and states', () => {
    setMeetingState(joinedState([ALICE, BOB], { media: { ...joinedState([]).media, local: { ...joinedState([]).media.local, microphone: true } } }));
    renderRoom();

    const toolbar = screen.getByRole('toolbar', { name: 'Meeting controls' });
    expect(within(toolbar).getByRole('button', { name: 'Microphone' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(toolbar).getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'false');
    expect(within(toolbar).getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');
    expect(within(toolbar).getByRole('button', { name: 'Chat' })).toBeInTheDocument();
    expect(within(toolbar).getByRole('button', { name: 'People' })).toBeInTheDocument();
    expect(within(toolbar).getByRole('button', { name: 'Leave' })).toBeInTheDocument();
    // Screen sharing needs presenter permission: a plain user does not see the button.
    expect(within(toolbar).queryByRole('button', { name: 'Share screen' })).not.toBeInTheDocument();

    const alice = screen.getByRole('group', { name: 'Alice' });
    expect(alice).toHaveAttribute('data-participant-id', 'p-alice');
    expect(within(alice).getByTestId('tile-video')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Self (you)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Weekly' })).toBeInTheDocument();
    // A guest is present: the security indicator warns.
    expect(screen.getByText('Guests are present')).toBeInTheDocument();
  });

  it('switches the microphone and raises the hand', async () => {
    setMeetingState(joinedState([ALICE]));
    renderRoom();
    await userEvent.click(screen.getByRole('button', { name: 'Microphone' }));
    expect(acts.setMicrophoneEnabled).toHaveBeenCalledWith(true);
    await userEvent.click(screen.getByRole('button', { name: 'Raise hand' }));
    expect(acts.raiseHand).toHaveBeenCalled();
  });

  it('does not offer unmuting when moderators restrict microphones', () => {
    const s = joinedState([ALICE]);
    setMeetingState({ ...s, moderation: { ...s.moderation, microphone_restriction: true, microphone_allowed: [] } });
    renderRoom();
    const mic = screen.getByRole('button', { name: 'Microphone' });
    expect(mic).toBeDisabled();
    expect(mic).toHaveAccessibleDescription('Only selected participants may unmute at the moment.');
  });

  it('pages the grid and reports only the visible remote videos', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeLayout(320, 180);
    const others = Array.from({ length: 10 }, (_, i) => person(`p-${String(i).padStart(2, '0')}`, { joined_at: 100 + i }));
    setMeetingState(joinedState(others));
    useRoomUi.getState().setTilesPerPage(6);
    renderRoom();

    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    expect(screen.getAllByRole('group')).toHaveLength(6);
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    // self + 5 others on page 1; self is not received
    const first = acts.setVisibleVideos.mock.calls.at(-1)?.[0] as { participantId: string }[];
    expect(first.map((v) => v.participantId)).toEqual(['p-00', 'p-01', 'p-02', 'p-03', 'p-04']);

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
    expect(screen.getAllByRole('group').map((g) => g.getAttribute('data-participant-id'))).toEqual([
      'p-05', 'p-06', 'p-07', 'p-08', 'p-09',
    ]);
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    const second = acts.setVisibleVideos.mock.calls.at(-1)?.[0] as { participantId: string; width: number }[];
    expect(second.map((v) => v.participantId)).toEqual(['p-05', 'p-06', 'p-07', 'p-08', 'p-09']);
    expect(second[0]?.width).toBe(320 * window.devicePixelRatio);
    vi.useRealTimers();
  });

  it('shows a screen share large in speaker view when someone starts sharing', () => {
    setMeetingState(joinedState([ALICE, BOB]));
    renderRoom();
    expect(useRoomUi.getState().layout).toBe('grid');
    act(() =>
      patchMeetingState((s) => ({
        ...s,
        media: { ...s.media, publications: { 'p-bob': { screen: { muted: false }, camera: { muted: false } } } },
      })),
    );
    expect(useRoomUi.getState().layout).toBe('speaker');
    const screenTile = screen.getByRole('group', { name: 'Screen of Bob' });
    expect(screenTile).toHaveClass('tile--main');
    expect(within(screen.getByRole('region', { name: 'Other participants' })).getByRole('group', { name: 'Alice' })).toBeInTheDocument();
  });

  it('plays remote microphones through hidden audio elements, and asks for a press when autoplay is refused', async () => {
    const play = vi
      .spyOn(HTMLMediaElement.prototype, 'play')
      .mockRejectedValueOnce(new DOMException('no gesture', 'NotAllowedError'))
      .mockResolvedValue(undefined);
    // Alice is on page 2 of the grid: she is still heard.
    const others = Array.from({ length: 7 }, (_, i) => person(`p-${i}`, { joined_at: 100 + i }));
    setMeetingState(
      joinedState([...others, ALICE], {
        media: { ...joinedState([]).media, publications: { 'p-alice': { microphone: { muted: false } }, [SELF]: { microphone: { muted: false } } } },
      }),
    );
    useRoomUi.getState().setTilesPerPage(6);
    renderRoom();
    expect(screen.queryByRole('group', { name: 'Alice' })).not.toBeInTheDocument();
    // no stream yet from the core: the element appears with the stream
    expect(document.querySelectorAll('audio')).toHaveLength(0);
    const stream = { id: 's1', getTracks: () => [], getVideoTracks: () => [], getAudioTracks: () => [] } as unknown as MediaStream;
    act(() => injectRemoteStream('p-alice', 'microphone', stream));
    const audio = document.querySelector('audio[data-testid="remote-audio"]');
    expect(audio).toHaveAttribute('data-participant-id', 'p-alice');
    expect((audio as HTMLAudioElement).srcObject).toBe(stream);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your browser blocked the sound of the meeting.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Turn on sound' }));
    expect(play).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    act(() => injectRemoteStream('p-alice', 'microphone', null));
  });

  it('leaves through the lobby callback; moderators choose to end the meeting for others', async () => {
    setMeetingState(joinedState([ALICE]));
    const onLeave = renderRoom();
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('offers moderators to end the meeting for everyone', async () => {
    setMeetingState(joinedState([person(SELF, { role: 'owner' }), ALICE]));
    const onLeave = renderRoom();
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'End meeting for everyone' }));
    expect(acts.debrief).toHaveBeenCalledWith('everyone');
    expect(onLeave).not.toHaveBeenCalled();
  });

  it('says why the meeting ended and goes back', async () => {
    setMeetingState({ ...joinedState([]), phase: 'ended', endReason: 'kicked' });
    const onLeave = renderRoom();
    expect(screen.getByRole('heading', { name: 'The meeting has ended for you' })).toBeInTheDocument();
    expect(screen.getByText('A moderator removed you from the meeting.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the start' }));
    expect(onLeave).toHaveBeenCalled();
  });

  it('covers the room while reconnecting', () => {
    setMeetingState({ ...joinedState([ALICE]), phase: 'reconnecting' });
    renderRoom();
    expect(screen.getByRole('alert')).toHaveTextContent('Connection lost');
    expect(screen.getByRole('group', { name: 'Alice' })).toBeInTheDocument();
  });

  it('shows notifications and dismisses them', async () => {
    setMeetingState({ ...joinedState([ALICE]), notifications: [{ id: 7, code: 'muted_by_moderator', params: {}, at: 1 }] });
    renderRoom();
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).getByText('A moderator muted your microphone.')).toBeInTheDocument();
    await userEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(acts.dismissNotification).toHaveBeenCalledWith(7);
  });

  it('runs keyboard shortcuts and push-to-talk unless switched off', async () => {
    setMeetingState(joinedState([ALICE]));
    renderRoom();
    const user = userEvent.setup();
    await user.keyboard('{Control>}{Shift>}M{/Shift}{/Control}');
    expect(acts.setMicrophoneEnabled).toHaveBeenLastCalledWith(true);
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect(acts.raiseHand).toHaveBeenCalledTimes(1);

    acts.setMicrophoneEnabled.mockClear();
    await user.keyboard('[Space>]');
    expect(acts.setMicrophoneEnabled).toHaveBeenLastCalledWith(true);
    await user.keyboard('[/Space]');
    expect(acts.setMicrophoneEnabled).toHaveBeenLastCalledWith(false);

    act(() => useRoomUi.getState().setShortcutsEnabled(false));
    expect(window.localStorage.getItem('plenum.room')).toContain('"shortcutsEnabled":false');
    acts.setMicrophoneEnabled.mockClear();
    await user.keyboard('{Control>}{Shift>}M{/Shift}{/Control}');
    expect(acts.setMicrophoneEnabled).not.toHaveBeenCalled();
  });

  it('shows a placeholder instead of a frozen picture for a video paused because the downlink is too slow', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const live = {
      id: 'v1',
      getTracks: () => [],
      getAudioTracks: () => [],
      getVideoTracks: () => [{ readyState: 'live', muted: false, addEventListener: () => {}, removeEventListener: () => {} }],
      addEventListener: () => {},
      removeEventListener: () => {},
    } as unknown as MediaStream;
    const base = joinedState([ALICE, BOB]);
    setMeetingState({
      ...base,
      media: {
        ...base.media,
        publications: { 'p-alice': { camera: { muted: false } }, 'p-bob': { camera: { muted: false } } },
        videoMids: { 'p-alice/camera': '3', 'p-bob/camera': '5' },
      },
    });
    injectRemoteStream('p-alice', 'camera', live);
    injectRemoteStream('p-bob', 'camera', live);
    renderRoom();
    const alice = screen.getByRole('group', { name: 'Alice' });
    expect(within(alice).getByTestId('tile-video')).toBeVisible();
    expect(within(alice).queryByText('Video paused – connection too slow')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Slow connection' })).not.toBeInTheDocument();

    act(() =>
      patchMeetingState((s) => ({ ...s, media: { ...s.media, receiveQuality: { pausedMids: ['3'], estimateKbps: 280 } } })),
    );
    // Alice's tile: her initials and why there is no picture; the video element stays (hidden).
    expect(alice).toHaveClass('tile--paused');
    expect(within(alice).getByText('Video paused – connection too slow')).toBeInTheDocument();
    expect(within(alice).getByText('A')).toBeInTheDocument();
    expect(within(alice).getByTestId('tile-video')).not.toBeVisible();
    // Bob's video is not paused.
    const bob = screen.getByRole('group', { name: 'Bob' });
    expect(within(bob).queryByText('Video paused – connection too slow')).not.toBeInTheDocument();
    expect(within(bob).getByTestId('tile-video')).toBeVisible();

    // The header warns (announced once) and tells the details on request.
    expect(screen.getAllByRole('status').map((e) => e.textContent)).toContain('Slow connection');
    await userEvent.click(screen.getByRole('button', { name: 'Slow connection' }));
    const details = await screen.findByRole('dialog', { name: 'Slow connection' });
    expect(details).toHaveTextContent('One video is paused because your connection is too slow for it.');
    expect(details).toHaveTextContent('Your connection currently receives about 280 kbit/s.');
    await userEvent.keyboard('{Escape}');

    act(() =>
      patchMeetingState((s) => ({ ...s, media: { ...s.media, receiveQuality: { pausedMids: ['3', '5'], estimateKbps: 1500 } } })),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Slow connection' }));
    expect(await screen.findByRole('dialog', { name: 'Slow connection' })).toHaveTextContent(
      '2 videos are paused because your connection is too slow for them.Your connection currently receives about 1.5 Mbit/s.',
    );
    await userEvent.keyboard('{Escape}');

    act(() => patchMeetingState((s) => ({ ...s, media: { ...s.media, receiveQuality: { pausedMids: [], estimateKbps: 4000 } } })));
    expect(alice).not.toHaveClass('tile--paused');
    expect(within(alice).getByTestId('tile-video')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Slow connection' })).not.toBeInTheDocument();
    act(() => {
      injectRemoteStream('p-alice', 'camera', null);
      injectRemoteStream('p-bob', 'camera', null);
    });
  });

  it('says so in German', async () => {
    window.localStorage.setItem('plenum.language', 'de');
    const base = joinedState([ALICE]);
    setMeetingState({
      ...base,
      media: {
        ...base.media,
        publications: { 'p-alice': { camera: { muted: false } } },
        videoMids: { 'p-alice/camera': '3' },
        receiveQuality: { pausedMids: ['3'], estimateKbps: 1234 },
      },
    });
    renderRoom();
    expect(within(screen.getByRole('group', { name: 'Alice' })).getByText('Video pausiert – Verbindung zu langsam')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Langsame Verbindung' }));
    expect(await screen.findByRole('dialog', { name: 'Langsame Verbindung' })).toHaveTextContent(
      'Ein Video ist pausiert, weil Ihre Verbindung dafür zu langsam ist.Ihre Verbindung empfängt zurzeit etwa 1,2 Mbit/s.',
    );
  });

  it('reports the pinned tile, the main tile of speaker view and screen shares with priority high', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeLayout(800, 450); // room for every tile in speaker view's strip
    const base = joinedState([ALICE, BOB]);
    setMeetingState({ ...base, media: { ...base.media, publications: { 'p-bob': { screen: { muted: false } } } } });
    renderRoom();
    const lastReport = async () => {
      await act(async () => {
        await vi.runAllTimersAsync();
      });
      const list = acts.setVisibleVideos.mock.calls.at(-1)?.[0] as { participantId: string; source: string; priority: string }[];
      return Object.fromEntries(list.map((v) => [`${v.participantId}/${v.source}`, v.priority]));
    };
    // Bob's screen share switched to speaker view: it is the main tile.
    expect(await lastReport()).toEqual({ 'p-alice/camera': 'normal', 'p-bob/camera': 'normal', 'p-bob/screen': 'high' });
    await userEvent.click(screen.getByRole('button', { name: 'Pin Alice' }));
    expect(await lastReport()).toEqual({ 'p-alice/camera': 'high', 'p-bob/camera': 'normal', 'p-bob/screen': 'high' });
    act(() => useRoomUi.getState().setLayout('grid'));
    await userEvent.click(screen.getByRole('button', { name: 'Pin Alice' }));
    expect(await lastReport()).toEqual({ 'p-alice/camera': 'normal', 'p-bob/camera': 'normal', 'p-bob/screen': 'high' });
    vi.useRealTimers();
  });

  it('uses the German names in German', () => {
    window.localStorage.setItem('plenum.language', 'de');
    setMeetingState(joinedState([ALICE]));
    renderRoom();
    for (const name of ['Mikrofon', 'Kamera', 'Hand heben', 'Chat', 'Teilnehmende', 'Verlassen']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });
});
