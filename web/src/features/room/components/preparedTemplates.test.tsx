import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SELF, setMeetingState } from '../../../meeting/testing';
import type { LegalVoteTemplate, PollTemplate } from '../../../protocol/types';
import { MeetingRoom } from '../MeetingRoom';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';
import { nearestDuration } from './PreparedTemplateSelect';

const LUNCH: PollTemplate = {
  id: 'pt-1',
  title: 'Lunch',
  topic: 'Where do we eat?',
  choices: ['Pizza', 'Pasta', 'Salad'],
  multiple: true,
  live: false,
  duration_seconds: 120,
};
const BUDGET: LegalVoteTemplate = {
  id: 'vt-1',
  name: 'Budget 2027',
  subtitle: 'Second reading',
  kind: 'secret',
  allow_abstain: false,
  live_results: false,
  auto_close: false,
};

describe('prepared polls and votes in the start dialogs', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
  });

  it('snaps a prepared duration to the nearest option of the dialog', () => {
    const options = ['none', '60', '300', '600'] as const;
    expect(nearestDuration(undefined, options)).toBe('none');
    expect(nearestDuration(60, options)).toBe('60');
    expect(nearestDuration(250, options)).toBe('300');
    expect(nearestDuration(86_400, options)).toBe('600');
  });

  it('loads the prepared polls and prefills the form from the one picked', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self], { templates: { polls: [LUNCH], votes: null } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start poll…' }));
    expect(acts.loadPollTemplates).toHaveBeenCalled();
    const dialog = screen.getByRole('dialog', { name: 'Start a poll' });
    await userEvent.click(within(dialog).getByRole('button', { name: /Use a prepared poll/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Lunch' }));
    expect(within(dialog).getByRole('textbox', { name: 'Question' })).toHaveValue('Where do we eat?');
    expect(within(dialog).getByRole('textbox', { name: 'Choice 3' })).toHaveValue('Salad');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start poll' }));
    expect(acts.startPoll).toHaveBeenCalledWith({
      topic: 'Where do we eat?',
      choices: ['Pizza', 'Pasta', 'Salad'],
      multiple: true,
      live: false,
      durationSeconds: 120,
    });
  });

  it('shows no select when nothing is prepared', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self], { templates: { polls: [], votes: [] } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start poll…' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a poll' });
    expect(within(dialog).queryByRole('button', { name: /Use a prepared poll/ })).toBeNull();
  });

  it('prefills the vote dialog from a prepared vote', async () => {
    const self = person(SELF, { role: 'moderator', joined_at: 5000 });
    setMeetingState(joinedState([self], { templates: { polls: null, votes: [BUDGET] } }));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'People' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start vote…' }));
    expect(acts.loadLegalVoteTemplates).toHaveBeenCalled();
    const dialog = screen.getByRole('dialog', { name: 'Start a vote' });
    await userEvent.click(within(dialog).getByRole('button', { name: /Use a prepared vote/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Budget 2027' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Budget 2027');
    expect(within(dialog).getByRole('radio', { name: 'Secret vote' })).toBeChecked();
  });
});
