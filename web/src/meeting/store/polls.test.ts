import { describe, expect, it } from 'vitest';
import type { Poll, ServerFrame } from '../../protocol/types';
import { ALICE, frame, joinSuccess, ROOM, SELF } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { startConnecting } from './reducers/local';

const ctx = { now: 1_700_000_000_000 };

function apply(state: MeetingState, ...frames: ServerFrame[]): MeetingState {
  return frames.reduce((s, f) => reduceFrame(s, f, ctx), state);
}

function poll(over: Partial<Poll> = {}): Poll {
  return {
    id: 'poll-1',
    topic: 'Lunch?',
    choices: ['Pizza', 'Pasta'],
    multiple: false,
    live: true,
    started_by: ALICE,
    started_at: 1000,
    results: [0, 0],
    voters: 0,
    own_choices: [],
    ...over,
  };
}

function joined(current?: Poll): MeetingState {
  const base = joinSuccess();
  return apply(
    startConnecting(ROOM, INITIAL_STATE.media.local, 0),
    frame('control', { ...base, modules: { ...base.modules, polls: current === undefined ? {} : { current } } }),
  );
}

describe('polls reducer', () => {
  it('takes the poll of join_success (a latecomer sees the running poll and the own vote)', () => {
    expect(joined().polls.current).toBeNull();
    expect(joined(poll({ own_choices: [1] })).polls.current?.own_choices).toEqual([1]);
  });

  it('follows a poll from start through votes and live results to its end', () => {
    let s = apply(joined(), frame('polls', { message: 'started', poll: poll() }));
    expect(s.polls.current?.topic).toBe('Lunch?');
    expect(s.notifications.map((n) => n.code)).toContain('poll_started');
    s = apply(s, frame('polls', { message: 'voted', poll_id: 'poll-1', choices: [1] }));
    expect(s.polls.current?.own_choices).toEqual([1]);
    s = apply(s, frame('polls', { message: 'results', poll_id: 'poll-1', results: [2, 1], voters: 3 }));
    expect(s.polls.current?.results).toEqual([2, 1]);
    expect(s.polls.current?.voters).toBe(3);
    // Frames of another poll change nothing.
    expect(apply(s, frame('polls', { message: 'voted', poll_id: 'other', choices: [0] }))).toBe(s);
    s = apply(s, frame('polls', { message: 'ended', reason: 'stopped', poll: poll({ results: [2, 2], voters: 4, ended_at: 5000 }) }));
    expect(s.polls.current?.ended_at).toBe(5000);
    expect(s.polls.current?.results).toEqual([2, 2]);
    expect(s.polls.current?.own_choices).toEqual([1]); // kept: the final frame carries nobody's vote
    expect(s.notifications.map((n) => n.code)).toContain('poll_ended');
  });

  it('does not notify the moderator who started the poll', () => {
    const s = apply(joined(), frame('polls', { message: 'started', poll: poll({ started_by: SELF }) }));
    expect(s.notifications.map((n) => n.code)).not.toContain('poll_started');
  });
});

describe('prepared templates', () => {
  it('keeps the polls and votes the server lists for moderators', () => {
    const template = { id: 'pt-1', title: 'Lunch', topic: 'Where?', choices: ['A', 'B'], multiple: false, live: true };
    const vote = { id: 'vt-1', name: 'Budget', kind: 'roll_call' as const, allow_abstain: true, live_results: false, auto_close: true };
    expect(INITIAL_STATE.templates).toEqual({ polls: null, votes: null });
    const s = apply(
      INITIAL_STATE,
      frame('polls', { message: 'templates', templates: [template] }),
      frame('legal_vote', { message: 'templates', templates: [vote] }),
    );
    expect(s.templates).toEqual({ polls: [template], votes: [vote] });
    expect(apply(s, frame('polls', { message: 'templates', templates: [] })).templates.polls).toEqual([]);
  });
});
