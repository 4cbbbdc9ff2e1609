import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Timer } from '../../../meeting';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { timerDuration } from '../logic/timer';
import { useProceduresUi } from '../state/procedures';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { role: 'moderator' });
const BOB = person('p-bob', { kind: 'guest' });
const NOW = 1_700_000_000_000;

function timer(over: Partial<Timer> = {}): Timer {
  return { id: 't-1', kind: 'countdown', started_by: 'p-alice', started_at: NOW - 10_000, ends_at: NOW + 65_000, ready_check: false, ready: [], ...over };
}

describe('timer', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
    useProceduresUi.getState().reopenBreak();
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  it('checks the dialog duration', () => {
    expect(timerDuration(5, 0)).toBe(300);
    expect(timerDuration(0, 0)).toBeNull();
    expect(timerDuration(1440, 1)).toBeNull();
    expect(timerDuration(1440, 0)).toBe(86_400);
  });

  it('shows the time left by the server clock and lets a participant mark herself done', async () => {
    // The server is 5 s ahead of this computer.
    setMeetingState(joinedState([ALICE, BOB], { timer: { current: timer({ title: 'Group work', ready_check: true }), clockOffsetMs: 5_000 } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Group work' });
    expect(within(card).getByRole('timer')).toHaveTextContent('1:00 left');
    await userEvent.click(within(card).getByRole('button', { name: 'I am done' }));
    expect(acts.setTimerReady).toHaveBeenCalledWith('t-1', true);
    expect(within(card).queryByRole('button', { name: 'Stop timer' })).toBeNull();
  });

  it('shows moderators who is not done yet', async () => {
    const self = person(SELF, { role: 'moderator', display_name: 'Me', joined_at: 5000 });
    setMeetingState(joinedState([self, ALICE, BOB], { timer: { current: timer({ ready_check: true, ready: ['p-bob'] }), clockOffsetMs: 0 } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Countdown' });
    expect(within(card).getByText('1 of 3 done')).toBeInTheDocument();
    expect(within(card).getByTestId('timer-not-ready')).toHaveTextContent('Not done yet: Me, Alice');
    await userEvent.click(within(card).getByRole('button', { name: 'Stop timer' }));
    expect(acts.stopTimer).toHaveBeenCalledWith('t-1');
  });

  it('shows a coffee break full screen; Back to the meeting closes it for this person, who can reopen it', async () => {
    setMeetingState(joinedState([ALICE, BOB], { timer: { current: timer({ kind: 'coffee_break', title: undefined }), clockOffsetMs: 0 } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const overlay = screen.getByRole('dialog', { name: 'Coffee break' });
    expect(within(overlay).getByRole('timer')).toHaveTextContent('1:05');
    expect(within(overlay).queryByRole('button', { name: 'End coffee break' })).toBeNull();
    await userEvent.click(within(overlay).getByRole('button', { name: 'Back to the meeting' }));
    expect(screen.queryByRole('dialog', { name: 'Coffee break' })).toBeNull();
    const chip = screen.getByRole('region', { name: 'Coffee break' });
    expect(within(chip).getByRole('timer')).toHaveTextContent('1:05 left');
    await userEvent.click(within(chip).getByRole('button', { name: 'Show coffee break' }));
    expect(screen.getByRole('dialog', { name: 'Coffee break' })).toBeInTheDocument();
    act(() => setMeetingState(joinedState([ALICE, BOB])));
    expect(screen.queryByRole('dialog', { name: 'Coffee break' })).toBeNull();
  });

  it('lets moderators start a countdown and end a coffee break', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self, ALICE]));
    const { unmount } = renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Timer…' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a timer' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title (optional)' }), 'Reading');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Ready check/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start' }));
    expect(acts.startTimer).toHaveBeenCalledWith({ kind: 'countdown', title: 'Reading', durationSeconds: 300, readyCheck: true });
    unmount();
    setMeetingState(joinedState([self, ALICE], { timer: { current: timer({ kind: 'coffee_break' }), clockOffsetMs: 0 } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'End coffee break' }));
    expect(acts.stopTimer).toHaveBeenCalledWith('t-1');
  });
});
