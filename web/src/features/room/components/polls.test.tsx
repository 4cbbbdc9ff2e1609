import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Poll } from '../../../meeting';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { formatDuration, percentages, pollChoices } from '../logic/polls';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { role: 'moderator' });

function poll(over: Partial<Poll> = {}): Poll {
  return {
    id: 'poll-1',
    topic: 'Where do we meet?',
    choices: ['Town hall', 'School'],
    multiple: false,
    live: true,
    started_by: 'p-alice',
    started_at: 1000,
    results: [1, 3],
    voters: 4,
    own_choices: [],
    ...over,
  };
}

describe('poll helpers', () => {
  it('computes shares of the voters, durations and the choices to send', () => {
    expect(percentages([1, 3], 4)).toEqual([25, 75]);
    expect(percentages([0, 0], 0)).toEqual([0, 0]);
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
    expect(pollChoices('Q', [' a ', '', 'b'])).toEqual(['a', 'b']);
    expect(pollChoices('Q', ['a', 'a'])).toBeNull();
    expect(pollChoices(' ', ['a', 'b'])).toBeNull();
    expect(pollChoices('Q', ['a'])).toBeNull();
  });
});

describe('poll card', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('lets a participant vote and shows live results as counts and percentages', async () => {
    setMeetingState(joinedState([ALICE], { polls: { current: poll() } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Where do we meet?' });
    const vote = within(card).getByRole('button', { name: 'Vote' });
    expect(vote).toBeDisabled();
    await userEvent.click(within(card).getByRole('radio', { name: 'School' }));
    await userEvent.click(vote);
    expect(acts.votePoll).toHaveBeenCalledWith('poll-1', [1]);
    const results = within(card).getByRole('list', { name: 'Results' });
    expect(within(results).getByText('School: 3 (75 %)')).toBeInTheDocument();
    expect(within(card).getByText('4 voted')).toBeInTheDocument();
    // Not a moderator: no stop button.
    expect(within(card).queryByRole('button', { name: 'Stop poll' })).toBeNull();
  });

  it('hides results until the end when they are not live, with checkboxes for several choices', async () => {
    setMeetingState(joinedState([ALICE], { polls: { current: poll({ live: false, multiple: true, results: [], own_choices: [0] }) } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Where do we meet?' });
    expect(within(card).queryByRole('list', { name: 'Results' })).toBeNull();
    expect(within(card).getByText('Results are shown when the poll ends.')).toBeInTheDocument();
    expect(within(card).getByRole('checkbox', { name: 'Town hall' })).toBeChecked();
    expect(within(card).getByRole('status')).toHaveTextContent('Your vote has been counted.');
    await userEvent.click(within(card).getByRole('checkbox', { name: 'School' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Change vote' }));
    expect(acts.votePoll).toHaveBeenCalledWith('poll-1', [0, 1]);
  });

  it('shows the final results after the end and can be closed', async () => {
    setMeetingState(joinedState([ALICE], { polls: { current: poll({ ended_at: 9000, own_choices: [1] }) } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Where do we meet?' });
    expect(within(card).getByText('Poll ended')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Vote' })).toBeNull();
    expect(within(card).getByText(/School: 3 \(75 %\)/)).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Close poll' }));
    expect(screen.queryByRole('region', { name: 'Where do we meet?' })).toBeNull();
  });

  it('gives moderators Stop poll and the Start poll dialog', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self, ALICE], { polls: { current: poll({ ended_at: 9000 }) } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start poll…' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a poll' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Question' }), 'Coffee or tea?');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Choice 1' }), 'Coffee');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start poll' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('at least two different choices');
    expect(acts.startPoll).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Choice 2' }), 'Tea');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add choice' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Choice 3' }), 'Water');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Allow several choices' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start poll' }));
    expect(acts.startPoll).toHaveBeenCalledWith({ topic: 'Coffee or tea?', choices: ['Coffee', 'Tea', 'Water'], multiple: true, live: true });
  });

  it('shows Stop poll to moderators while it runs', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self, ALICE], { polls: { current: poll() } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Stop poll' }));
    expect(acts.stopPoll).toHaveBeenCalledWith('poll-1');
  });
});
