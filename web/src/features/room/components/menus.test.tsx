import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { joined_at: 1000 });

describe('room menus and drop-downs', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('switches the layout and the tiles per page from "More options", with the choice checked', async () => {
    setMeetingState(joinedState([ALICE]));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: 'More options' }));
    expect(await screen.findByRole('menu', { name: 'More options' })).toBeInTheDocument();
    expect(screen.getByRole('menuitemradio', { name: 'Grid view' })).toBeChecked();
    await userEvent.click(screen.getByRole('menuitemradio', { name: 'Speaker view' }));
    expect(useRoomUi.getState().layout).toBe('speaker');

    await userEvent.click(screen.getByRole('button', { name: 'More options' }));
    expect(await screen.findByRole('menuitemradio', { name: 'Speaker view' })).toBeChecked();
    const before = useRoomUi.getState().tilesPerPage;
    const other = before === 16 ? 25 : 16;
    await userEvent.click(screen.getByRole('menuitemradio', { name: `${other} tiles per page` }));
    expect(useRoomUi.getState().tilesPerPage).toBe(other);
  });

  it('sends a reaction from the reactions menu; the button is disabled while reactions are off', async () => {
    setMeetingState(joinedState([ALICE]));
    const { unmount } = renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: 'Reactions' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Applause' }));
    expect(acts.react).toHaveBeenCalledWith('clap');
    unmount();

    const s = joinedState([ALICE]);
    setMeetingState({ ...s, reactions: { ...s.reactions, enabled: false } });
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Reactions' })).toBeDisabled();
  });

  it('lets moderators choose the waiting room mode; choosing the current one sends nothing', async () => {
    setMeetingState(joinedState([person(SELF, { role: 'moderator' }), ALICE]));
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: /^Off Waiting room/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Off' }));
    expect(acts.setWaitingRoomMode).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: /^Off Waiting room/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'For guests' }));
    expect(acts.setWaitingRoomMode).toHaveBeenCalledWith('guests');
  });
});
