/** Timer and coffee break: the running one, its ready check, the server's clock. */
import type { TimerEvent } from '../../../protocol/types';
import type { MeetingState } from '../../types';
import { notify, type ReduceContext } from './common';

/**
 * Keeps the estimate of server clock − local clock: the frame's server timestamp (taken when it
 * was sent) minus the local time it arrived is the offset minus the network delay, so the largest
 * value seen is the best.
 */
export function withServerClock(state: MeetingState, serverTimestamp: number, localNow: number): MeetingState {
  if (!Number.isFinite(serverTimestamp)) return state;
  const sample = serverTimestamp - localNow;
  const known = state.timer.clockOffsetMs;
  if (known !== null && known >= sample) return state;
  return { ...state, timer: { ...state.timer, clockOffsetMs: sample } };
}

/** The server's current time by the local clock and the estimate. */
export function serverNow(state: MeetingState, localNow: number): number {
  return localNow + (state.timer.clockOffsetMs ?? 0);
}

export function reduceTimer(state: MeetingState, event: TimerEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'started': {
      const next = { ...state, timer: { ...state.timer, current: event.timer } };
      if (event.timer.kind === 'coffee_break' || event.timer.started_by === state.selfId) return next;
      return notify(next, 'timer_started', {}, ctx.now);
    }
    case 'ready_changed': {
      const current = state.timer.current;
      if (current === null || current.id !== event.timer_id) return state;
      const others = current.ready.filter((id) => id !== event.participant_id);
      const ready = event.ready ? [...others, event.participant_id] : others;
      return { ...state, timer: { ...state.timer, current: { ...current, ready } } };
    }
    case 'stopped': {
      const current = state.timer.current;
      if (current === null || current.id !== event.timer_id) return state;
      const next = { ...state, timer: { ...state.timer, current: null } };
      if (event.kind === 'coffee_break') return notify(next, 'coffee_break_ended', {}, ctx.now);
      return notify(next, 'timer_stopped', { reason: event.reason }, ctx.now);
    }
  }
}
