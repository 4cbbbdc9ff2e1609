/** Polls: the running poll (or the last one that ended), live results, the own vote. */
import type { PollsEvent } from '../../../protocol/types';
import type { MeetingState, Poll } from '../../types';
import { notify, type ReduceContext } from './common';

function patchCurrent(state: MeetingState, pollId: string, patch: (p: Poll) => Poll): MeetingState {
  const current = state.polls.current;
  if (current === null || current.id !== pollId) return state;
  return { ...state, polls: { current: patch(current) } };
}

export function reducePolls(state: MeetingState, event: PollsEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'started': {
      const next = { ...state, polls: { current: event.poll } };
      return event.poll.started_by === state.selfId ? next : notify(next, 'poll_started', {}, ctx.now);
    }
    case 'voted':
      return patchCurrent(state, event.poll_id, (p) => ({ ...p, own_choices: event.choices }));
    case 'results':
      return patchCurrent(state, event.poll_id, (p) =>
        p.ended_at === undefined ? { ...p, results: event.results, voters: event.voters } : p,
      );
    case 'ended': {
      // The final frame is the same for everyone: keep the own vote we know.
      const own = state.polls.current?.id === event.poll.id ? state.polls.current.own_choices : [];
      return notify({ ...state, polls: { current: { ...event.poll, own_choices: own } } }, 'poll_ended', {}, ctx.now);
    }
    case 'templates':
      return { ...state, templates: { ...state.templates, polls: event.templates } };
  }
}
