import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LegalVote } from '../../../meeting';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { choicesOf, currentLegalVote, validName } from '../logic/legalVote';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { role: 'moderator' });
const VOTE = '11111111-1111-4111-8111-111111111111';

function vote(over: Partial<LegalVote> = {}): LegalVote {
  return {
    id: VOTE,
    name: 'Budget 2027',
    kind: 'roll_call',
    allow_abstain: true,
    live_results: false,
    auto_close: true,
    initiator: 'p-alice',
    started_at: 1000,
    state: 'running',
    voters: [SELF, 'p-alice'],
    voted: 0,
    named: [],
    ...over,
  };
}

function legal(votes: LegalVote[], ballots: Record<string, string> = {}, receipts = {}) {
  return { legalVote: { votes, ballots, receipts, publicKey: 'ab'.repeat(32) } };
}

describe('legal vote helpers', () => {
  it('picks the running vote, the choices and checks the name', () => {
    const ended = vote({ id: 'old', state: 'ended' });
    expect(currentLegalVote([ended, vote()])?.id).toBe(VOTE);
    expect(currentLegalVote([ended])?.id).toBe('old');
    expect(currentLegalVote([])).toBeNull();
    expect(choicesOf(vote({ allow_abstain: false }))).toEqual(['yes', 'no']);
    expect(validName('  ')).toBeNull();
    expect(validName(' x ')).toBe('x');
    expect(validName('x'.repeat(151))).toBeNull();
  });
});

describe('legal vote card', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('a voter picks a choice, confirms, and the vote is cast once', async () => {
    setMeetingState(joinedState([ALICE], legal([vote()], { [VOTE]: 'tok' })));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Budget 2027' });
    expect(within(card).getByText('0 of 2 have voted')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Abstain' }));
    expect(acts.castLegalVote).not.toHaveBeenCalled();
    expect(within(card).getByText('Cast “Abstain”? Your vote cannot be changed.')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Cast vote' }));
    expect(acts.castLegalVote).toHaveBeenCalledWith(VOTE, 'abstain');
  });

  it('someone without a ballot (a guest, a late joiner) sees the vote but cannot vote', () => {
    setMeetingState(joinedState([ALICE], legal([vote()])));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Budget 2027' });
    expect(within(card).queryByRole('button', { name: 'Yes' })).toBeNull();
    expect(within(card).getByText(/not eligible/)).toBeInTheDocument();
  });

  it('after the end: result, validity, own receipt and the PDF download', () => {
    const ended = vote({
      state: 'ended',
      voted: 2,
      end_reason: 'auto_closed',
      valid: true,
      tally: { yes: 1, no: 1, abstain: 0 },
      protocol_hash: 'ef'.repeat(32),
      named: [{ participant_id: 'p-alice', display_name: 'Alice', choice: 'no' }],
    });
    setMeetingState(joinedState([ALICE], legal([ended], {}, { [VOTE]: { choice: 'yes', receipt: 'cd'.repeat(32) } })));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const card = screen.getByRole('region', { name: 'Budget 2027' });
    expect(within(card).getByText('Everyone has voted.')).toBeInTheDocument();
    expect(within(card).getByText('The result is valid.')).toBeInTheDocument();
    expect(within(within(card).getByRole('list', { name: 'Results' })).getByText('Yes: 1')).toBeInTheDocument();
    expect(within(card).getByText('cd'.repeat(32))).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Download protocol (PDF)' })).toBeInTheDocument();
  });

  it('moderators start a vote from the dialog; secret votes never have live results', async () => {
    setMeetingState(joinedState([person(SELF, { role: 'moderator' })]));
    useRoomUi.getState().openDialog({ kind: 'startLegalVote' });
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: 'Start a vote' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Chair');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Show results while the vote runs' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Secret vote' }));
    expect(within(dialog).getByRole('checkbox', { name: 'Show results while the vote runs' })).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start vote' }));
    expect(acts.startLegalVote).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Chair', kind: 'secret', liveResults: false, allowAbstain: true, autoClose: true }),
    );
  });
});
