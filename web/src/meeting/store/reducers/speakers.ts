/** The speaker queue: the running round, the last wheel of names, the time-up signal of the current turn. */
import type { SpeakerQueue, SpeakersEvent, SpeakersState } from '../../../protocol/types';
import type { MeetingState, SpeakersSlice } from '../../types';
import { notify, type ReduceContext } from './common';

const EMPTY: SpeakersSlice = { queue: null, lastSpin: null, timeUp: null };

/** The speakers part of join_success (a resumption keeps the wheel and time-up of the same round and turn). */
export function speakersFromJoin(module: SpeakersState, previous: SpeakersSlice): SpeakersSlice {
  const queue = module.queue ?? null;
  if (queue === null) return EMPTY;
  return withQueue(previous.queue?.id === queue.id ? previous : EMPTY, queue);
}

function withQueue(slice: SpeakersSlice, queue: SpeakerQueue): SpeakersSlice {
  const sameRound = slice.queue?.id === queue.id;
  const lastSpin = queue.spin ?? (sameRound ? slice.lastSpin : null);
  const turn = queue.current;
  const timeUp =
    sameRound && slice.timeUp !== null && turn !== undefined &&
    turn.participant_id === slice.timeUp.participantId && turn.started_at === slice.timeUp.turnStartedAt
      ? slice.timeUp
      : null;
  return { queue, lastSpin, timeUp };
}

export function reduceSpeakers(state: MeetingState, event: SpeakersEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'updated': {
      const before = state.speakers.queue;
      let next: MeetingState = { ...state, speakers: withQueue(state.speakers, event.queue) };
      if (before?.id !== event.queue.id && event.queue.started_by !== state.selfId) {
        next = notify(next, 'speakers_started', {}, ctx.now);
      }
      const self = state.selfId;
      const had = before?.id === event.queue.id ? before.current : undefined;
      const now = event.queue.current;
      const gotWord = self !== null && now?.participant_id === self && (had?.participant_id !== self || had.started_at !== now.started_at);
      return gotWord ? notify(next, 'speakers_your_turn', {}, ctx.now) : next;
    }
    case 'time_up': {
      const turn = state.speakers.queue?.current;
      if (state.speakers.queue?.id !== event.queue_id || turn === undefined || turn.participant_id !== event.participant_id) {
        return state;
      }
      const timeUp = { participantId: turn.participant_id, turnStartedAt: turn.started_at };
      return { ...state, speakers: { ...state.speakers, timeUp } };
    }
    case 'stopped':
      return state.speakers.queue?.id === event.queue_id ? { ...state, speakers: EMPTY } : state;
  }
}
