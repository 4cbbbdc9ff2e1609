import { beforeEach, describe, expect, it } from 'vitest';
import type { LegalVote, ServerFrame } from '../../protocol/types';
import { ALICE, BOB, frame, joinSuccess, ROOM, SELF } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { startConnecting } from './reducers/local';

const ctx = { now: 1_700_000_000_000 };
const VOTE = '11111111-1111-4111-8111-111111111111';

function apply(state: MeetingState, ...frames: ServerFrame[]): MeetingState {
  return frames.reduce((s, f) => reduceFrame(s, f, ctx), state);
}

function vote(over: Partial<LegalVote> = {}): LegalVote {
  return {
    id: VOTE,
    name: 'Budget 2027',
    kind: 'roll_call',
    allow_abstain: true,
    live_results: false,
    auto_close: true,
    initiator: ALICE,
    started_at: 1000,
    state: 'running',
    voters: [SELF, ALICE],
    voted: 0,
    named: [],
    ...over,
  };
}

function joined(votes: LegalVote[] = [], ballots: { vote_id: string; token: string }[] = []): MeetingState {
  const base = joinSuccess();
  return apply(
    startConnecting(ROOM, INITIAL_STATE.media.local, 0),
    frame('control', { ...base, modules: { ...base.modules, legal_vote: { votes, ballots, public_key: 'ab'.repeat(32) } } }),
  );
}

describe('legal vote reducer', () => {
  beforeEach(() => sessionStorage.clear());

  it('takes votes and the own unused token from join_success', () => {
    const s = joined([vote()], [{ vote_id: VOTE, token: 'tok' }]);
    expect(s.legalVote.votes).toHaveLength(1);
    expect(s.legalVote.ballots[VOTE]).toBe('tok');
    expect(s.legalVote.publicKey).toBe('ab'.repeat(32));
  });

  it('started + ballot: the vote runs and this participant holds a token; others are notified', () => {
    const s = apply(
      joined(),
      frame('legal_vote', { message: 'started', vote: vote() }),
      frame('legal_vote', { message: 'ballot', ballot: { vote_id: VOTE, token: 'tok' } }),
    );
    expect(s.legalVote.votes[0]?.state).toBe('running');
    expect(s.legalVote.ballots[VOTE]).toBe('tok');
    expect(s.notifications.map((n) => n.code)).toContain('legal_vote_started');
  });

  it('voted: the token is gone, the receipt is kept (also across a reload of the tab)', () => {
    const s = apply(
      joined([vote()], [{ vote_id: VOTE, token: 'tok' }]),
      frame('legal_vote', { message: 'voted', vote_id: VOTE, choice: 'yes', receipt: 'cd'.repeat(32) }),
    );
    expect(s.legalVote.ballots[VOTE]).toBeUndefined();
    expect(s.legalVote.receipts[VOTE]).toEqual({ choice: 'yes', receipt: 'cd'.repeat(32) });
    const reloaded = joined([vote()]);
    expect(reloaded.legalVote.receipts[VOTE]?.receipt).toBe('cd'.repeat(32));
  });

  it('updated and ended replace the vote; ended drops an unused token', () => {
    const ended = vote({
      state: 'ended',
      voted: 1,
      tally: { yes: 1, no: 0, abstain: 0 },
      end_reason: 'stopped',
      valid: true,
      protocol_hash: 'ef'.repeat(32),
      named: [{ participant_id: ALICE, display_name: 'Alice', choice: 'yes' }],
    });
    const s = apply(
      joined([vote()], [{ vote_id: VOTE, token: 'tok' }]),
      frame('legal_vote', { message: 'updated', vote: vote({ voted: 1 }) }),
      frame('legal_vote', { message: 'ended', vote: ended }),
    );
    expect(s.legalVote.votes).toHaveLength(1);
    expect(s.legalVote.votes[0]?.state).toBe('ended');
    expect(s.legalVote.votes[0]?.tally?.yes).toBe(1);
    expect(s.legalVote.ballots[VOTE]).toBeUndefined();
    expect(s.notifications.map((n) => n.code)).toContain('legal_vote_ended');
  });

  it('a guest (not on the voter list) gets no ballot', () => {
    const s = apply(joined(), frame('legal_vote', { message: 'started', vote: vote({ voters: [ALICE, BOB] }) }));
    expect(s.legalVote.ballots).toEqual({});
  });
});
