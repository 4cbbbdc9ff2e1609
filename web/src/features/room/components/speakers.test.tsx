import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingState, SpeakerQueue, WheelSpin } from '../../../meeting';
import { SELF, setMeetingState, speakerQueue } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { playSignalTone } from '../logic/tone';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

vi.mock('../logic/tone', () => ({ playSignalTone: vi.fn(() => true) }));

const NOW = 1_700_000_000_000;
const ALICE = person('p-alice', { role: 'moderator', joined_at: 1000 });
const BOB = person('p-bob', { kind: 'guest', joined_at: 2000 });
const CAROL = person('p-carol', { joined_at: 3000 });
const MODERATOR_SELF = person(SELF, { role: 'moderator', display_name: 'Me', joined_at: 500 });

function queue(over: Partial<SpeakerQueue> = {}): SpeakerQueue {
  return speakerQueue({ started_at: NOW - 60_000, upcoming: ['p-carol'], done: ['p-bob'], ...over });
}

function withQueue(people: Parameters<typeof joinedState>[0], q: SpeakerQueue, over: Partial<MeetingState['speakers']> = {}): MeetingState {
  const s = joinedState(people, { timer: { current: null, clockOffsetMs: 0 } });
  return { ...s, speakers: { queue: q, lastSpin: q.spin ?? null, timeUp: null, ...over } };
}

function card() {
  return screen.getByRole('region', { name: 'Speakers' });
}

describe('speaker list', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
    useRoomUi.getState().setSoundsEnabled(true);
    vi.mocked(playSignalTone).mockClear();
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  it('shows who has the word, the time left, and the time-up signal (visual, announced, tone once)', () => {
    const turn = { participant_id: 'p-alice', started_at: NOW - 20_000, ends_at: NOW + 40_000 };
    setMeetingState(withQueue([ALICE, BOB, CAROL], queue({ time_limit_seconds: 60, current: turn })));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(within(card()).getByTestId('current-speaker')).toHaveTextContent('Alice has the word');
    expect(within(card()).getByRole('timer')).toHaveTextContent('0:40 left');
    expect(within(card()).getByTestId('speakers-upcoming')).toHaveTextContent('Carol');
    expect(within(card()).queryByRole('button', { name: 'Pass the word' })).toBeNull();
    expect(within(card()).queryByRole('button', { name: 'Next speaker' })).toBeNull();
    expect(playSignalTone).not.toHaveBeenCalled();

    act(() => setMeetingState(withQueue([ALICE, BOB, CAROL], queue({ time_limit_seconds: 60, current: turn }), { timeUp: { participantId: 'p-alice', turnStartedAt: turn.started_at } })));
    const time = within(card()).getByRole('timer');
    expect(time).toHaveTextContent('Time is up');
    expect(time).toHaveClass('speakers__time--up');
    expect(time).toHaveAttribute('data-time-up', 'true');
    expect(screen.getByTestId('speakers-announcer')).toHaveTextContent('Time is up for Alice.');
    expect(playSignalTone).toHaveBeenCalledTimes(1);
    // A re-render of the same turn does not sound again.
    act(() => setMeetingState(withQueue([ALICE, BOB, CAROL], queue({ time_limit_seconds: 60, current: turn, upcoming: [] }), { timeUp: { participantId: 'p-alice', turnStartedAt: turn.started_at } })));
    expect(playSignalTone).toHaveBeenCalledTimes(1);
  });

  it('stays silent when sounds are off', () => {
    useRoomUi.getState().setSoundsEnabled(false);
    const turn = { participant_id: 'p-alice', started_at: NOW - 20_000, ends_at: NOW - 1 };
    setMeetingState(withQueue([ALICE], queue({ time_limit_seconds: 10, current: turn }), { timeUp: { participantId: 'p-alice', turnStartedAt: turn.started_at } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(within(card()).getByRole('switch', { name: 'Sound signal' })).not.toBeChecked();
    expect(playSignalTone).not.toHaveBeenCalled();
  });

  it('lets the speaker pass the word, in nomination rounds to the person chosen', async () => {
    setMeetingState(withQueue([ALICE, BOB, CAROL], queue({ selection: 'nomination', upcoming: ['p-carol', 'p-bob'], done: [], current: { participant_id: SELF, started_at: NOW } })));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(within(card()).getByTestId('current-speaker')).toHaveTextContent('You have the word');
    await userEvent.click(within(card()).getByRole('button', { name: /Next speaker/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Bob' }));
    await userEvent.click(within(card()).getByRole('button', { name: 'Pass the word' }));
    expect(acts.yieldWord).toHaveBeenCalledWith('q-1', 'p-bob');
  });

  it('gives moderators next, skip, add, give the word, remove and end', async () => {
    setMeetingState(withQueue([MODERATOR_SELF, ALICE, BOB, CAROL], queue({ current: { participant_id: 'p-alice', started_at: NOW } })));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const c = within(card());
    await userEvent.click(c.getByRole('button', { name: 'Next speaker' }));
    expect(acts.nextSpeaker).toHaveBeenCalledWith('q-1');
    await userEvent.click(c.getByRole('button', { name: 'Skip' }));
    expect(acts.skipSpeaker).toHaveBeenCalledWith('q-1');
    await userEvent.click(c.getByRole('button', { name: 'Give the word to Carol' }));
    expect(acts.nextSpeaker).toHaveBeenLastCalledWith('q-1', 'p-carol');
    await userEvent.click(c.getByRole('button', { name: 'Remove Carol from the list' }));
    expect(acts.removeSpeaker).toHaveBeenCalledWith('q-1', 'p-carol');
    await userEvent.click(c.getByRole('button', { name: 'Add to the list' }));
    const menu = await screen.findByRole('menu', { name: 'Add to the list' });
    // Not Alice (speaking) nor Carol (upcoming).
    expect(within(menu).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Bob', 'Me']);
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Bob' }));
    expect(acts.addSpeaker).toHaveBeenCalledWith('q-1', 'p-bob');
    await userEvent.click(c.getByRole('button', { name: 'End speaker list' }));
    expect(acts.stopSpeakers).toHaveBeenCalledWith('q-1');
  });

  it('starts a round from the people panel with the chosen options', async () => {
    setMeetingState(joinedState([MODERATOR_SELF, ALICE]));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Speaker list…' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a speaker list' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Wheel of names' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'By name' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Include moderators' }));
    await userEvent.click(within(dialog).getByRole('button', { name: /Time limit per speaker/ }));
    await userEvent.click(await screen.findByRole('option', { name: '2 minutes' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start speaker list' }));
    expect(acts.startSpeakers).toHaveBeenCalledWith({
      selection: 'wheel',
      order: 'name',
      includeModerators: true,
      appendLateJoiners: true,
      timeLimitSeconds: 120,
    });
  });

  it('turns the wheel by the server clock and shows the winner under the pointer once it stands', () => {
    const spin: WheelSpin = { id: 's-1', candidates: ['p-alice', 'p-bob', 'p-carol'], winner: 'p-bob', turns: 5, started_at: NOW - 1_000, stops_at: NOW + 5_000 };
    setMeetingState(withQueue([MODERATOR_SELF, ALICE, BOB, CAROL], queue({ selection: 'wheel', upcoming: ['p-alice', 'p-bob', 'p-carol'], done: [], spin })));
    const { unmount } = renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    let wheel = within(card()).getByTestId('speaker-wheel');
    expect(wheel).not.toHaveAttribute('data-winner');
    expect(within(wheel).getByTestId('wheel-winner')).not.toHaveTextContent(/chosen/);
    expect(within(card()).getByTestId('current-speaker')).toHaveTextContent('The wheel is turning…');
    expect(within(card()).getByRole('button', { name: 'Spin the wheel' })).toBeDisabled();
    expect(within(card()).getByRole('img', { name: 'Wheel of names' })).toBeInTheDocument();
    unmount();

    // A page loaded after the stop: the wheel stands on the winner, who has the word.
    vi.mocked(Date.now).mockReturnValue(NOW + 6_000);
    setMeetingState(
      withQueue([MODERATOR_SELF, ALICE, BOB, CAROL], queue({ selection: 'wheel', upcoming: ['p-alice', 'p-carol'], done: [], current: { participant_id: 'p-bob', started_at: NOW + 5_000 } }), { lastSpin: spin }),
    );
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    wheel = within(card()).getByTestId('speaker-wheel');
    expect(wheel).toHaveAttribute('data-winner', 'p-bob');
    expect(within(wheel).getByTestId('wheel-winner')).toHaveTextContent('Bob was chosen');
    expect(within(card()).getByTestId('current-speaker')).toHaveAttribute('data-participant-id', 'p-bob');
    expect(screen.getByTestId('speakers-announcer')).toHaveTextContent('The wheel chose Bob.');
  });

  it('sorts people by who spoke least and last; moderators see the meeting time', async () => {
    const s = joinedState([MODERATOR_SELF, ALICE, BOB, CAROL], { timer: { current: null, clockOffsetMs: 0 } });
    setMeetingState({
      ...s,
      room: { id: 'room-1', name: 'Weekly', locked: false, started_at: NOW - 3_723_000 },
      media: { ...s.media, speakingTimes: { 'p-alice': 5_000, 'p-bob': 1_000 }, lastSpokeAt: { 'p-alice': NOW - 10_000, 'p-bob': NOW - 1_000 } },
    });
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.getByTestId('meeting-time')).toHaveTextContent('Meeting time 1:02:03');
    const rows = () => screen.getAllByRole('listitem').map((li) => li.getAttribute('data-participant-id')).filter(Boolean);
    await userEvent.click(screen.getByRole('button', { name: /Sort by/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Spoke least' }));
    expect(rows()).toEqual(['p-carol', SELF, 'p-bob', 'p-alice']);
    await userEvent.click(screen.getByRole('button', { name: /Sort by/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Spoke last' }));
    expect(rows()).toEqual(['p-bob', 'p-alice', 'p-carol', SELF]);
  });

  it('shows no meeting time to participants', () => {
    setMeetingState(joinedState([ALICE]));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.queryByTestId('meeting-time')).toBeNull();
  });
});
