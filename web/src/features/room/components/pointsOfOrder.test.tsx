import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingState } from '../../../meeting';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { frame, joinSuccess } from '../../../meeting/testing/fixtures';
import { reduceFrame } from '../../../meeting/store/reduce';
import { MeetingRoom } from '../MeetingRoom';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { role: 'moderator' });
const BOB = person('p-bob', { kind: 'guest' });

describe('points of order', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('notifies moderators (not others) and keeps the list oldest first', () => {
    const asModerator = joinedState([person(SELF, { role: 'moderator' }), ALICE, BOB]);
    const raised = (s: MeetingState, id: string, at: number) =>
      reduceFrame(s, frame('points_of_order', { message: 'raised', point: { participant_id: id, reason: 'Quorum?', raised_at: at } }), { now: 1 });
    let s = raised(raised(asModerator, 'p-bob', 20), 'p-alice', 10);
    expect(s.pointsOfOrder.raised.map((p) => p.participant_id)).toEqual(['p-alice', 'p-bob']);
    expect(s.notifications.at(-1)).toMatchObject({ code: 'point_of_order_raised', params: { display_name: 'Alice', reason: 'Quorum?' } });
    s = reduceFrame(s, frame('points_of_order', { message: 'cleared', participant_ids: ['p-alice'], by: SELF }), { now: 2 });
    expect(s.pointsOfOrder.raised.map((p) => p.participant_id)).toEqual(['p-bob']);
    const asUser = raised(joinedState([ALICE, BOB]), 'p-bob', 20);
    expect(asUser.notifications).toEqual([]);
    // join_success carries the list.
    const base = joinSuccess();
    const joined = reduceFrame(
      asUser,
      frame('control', { ...base, modules: { ...base.modules, points_of_order: { raised: [{ participant_id: 'p-bob', reason: 'x', raised_at: 5 }] } } }),
      { now: 3 },
    );
    expect(joined.pointsOfOrder.raised).toHaveLength(1);
  });

  it('is raised from the More menu with a reason and withdrawn from the people panel', async () => {
    setMeetingState(joinedState([ALICE, BOB]));
    const { unmount } = renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'More options' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Point of order…' }));
    const dialog = screen.getByRole('dialog', { name: 'Raise a point of order' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Motion to adjourn');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Raise point of order' }));
    expect(acts.raisePointOfOrder).toHaveBeenCalledWith('Motion to adjourn');
    unmount();
    setMeetingState(joinedState([ALICE, BOB], { pointsOfOrder: { raised: [{ participant_id: SELF, reason: 'Motion to adjourn', raised_at: 1 }] } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    const section = screen.getByRole('region', { name: /Points of order \(1\)/ });
    await userEvent.click(within(section).getByRole('button', { name: 'Withdraw point of order' }));
    expect(acts.withdrawPointOfOrder).toHaveBeenCalled();
  });

  it('shows moderators the points of order first, with clear buttons', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(
      joinedState([self, ALICE, BOB], {
        pointsOfOrder: { raised: [{ participant_id: 'p-bob', reason: 'Quorum check', raised_at: 1 }, { participant_id: 'p-alice', reason: 'Time', raised_at: 2 }] },
      }),
    );
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    const section = screen.getByRole('region', { name: /Points of order \(2\)/ });
    const items = within(section).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Bob: Quorum check');
    await userEvent.click(within(section).getByRole('button', { name: 'Clear point of order of Bob' }));
    expect(acts.clearPointsOfOrder).toHaveBeenCalledWith(['p-bob']);
    await userEvent.click(within(section).getByRole('button', { name: 'Clear all points of order' }));
    expect(acts.clearPointsOfOrder).toHaveBeenCalledWith('everyone');
  });
});
