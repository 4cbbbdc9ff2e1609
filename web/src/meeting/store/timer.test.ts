import { describe, expect, it } from 'vitest';
import type { ServerFrame, Timer } from '../../protocol/types';
import { ALICE, BOB, joinSuccess, ROOM, SELF } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { startConnecting } from './reducers/local';
import { serverNow } from './reducers/timer';

const LOCAL = 1_700_000_000_000;

function at(state: MeetingState, localNow: number, serverTs: number, namespace: ServerFrame['namespace'], payload: unknown): MeetingState {
  return reduceFrame(state, { namespace, payload, timestamp: serverTs } as ServerFrame, { now: localNow });
}

function timer(over: Partial<Timer> = {}): Timer {
  return { id: 't-1', kind: 'countdown', started_by: ALICE, started_at: LOCAL, ends_at: LOCAL + 60_000, ready_check: true, ready: [], ...over };
}

function joined(): MeetingState {
  // The server's clock is 5 s ahead; the frame took 40 ms.
  return at(startConnecting(ROOM, INITIAL_STATE.media.local, 0), LOCAL, LOCAL + 5_000 - 40, 'control', joinSuccess());
}

describe('timer reducer', () => {
  it('estimates the server clock from the fastest frame', () => {
    let s = joined();
    expect(s.timer.clockOffsetMs).toBe(4_960);
    s = at(s, LOCAL + 1_000, LOCAL + 6_000 - 10, 'timer', { message: 'started', timer: timer() });
    expect(s.timer.clockOffsetMs).toBe(4_990);
    s = at(s, LOCAL + 2_000, LOCAL + 7_000 - 300, 'timer', { message: 'ready_changed', timer_id: 't-1', participant_id: SELF, ready: true });
    expect(s.timer.clockOffsetMs).toBe(4_990); // a slow frame does not move it
    expect(serverNow(s, LOCAL)).toBe(LOCAL + 4_990);
  });

  it('follows start, ready marks and the end of a countdown', () => {
    let s = at(joined(), LOCAL, LOCAL, 'timer', { message: 'started', timer: timer() });
    expect(s.timer.current?.id).toBe('t-1');
    expect(s.notifications.map((n) => n.code)).toContain('timer_started');
    s = at(s, LOCAL, LOCAL, 'timer', { message: 'ready_changed', timer_id: 't-1', participant_id: BOB, ready: true });
    s = at(s, LOCAL, LOCAL, 'timer', { message: 'ready_changed', timer_id: 't-1', participant_id: SELF, ready: true });
    expect(s.timer.current?.ready).toEqual([BOB, SELF]);
    s = at(s, LOCAL, LOCAL, 'timer', { message: 'ready_changed', timer_id: 't-1', participant_id: BOB, ready: false });
    expect(s.timer.current?.ready).toEqual([SELF]);
    s = at(s, LOCAL, LOCAL, 'timer', { message: 'stopped', timer_id: 't-1', kind: 'countdown', reason: 'expired', started_at: LOCAL, stopped_at: LOCAL + 60_000 });
    expect(s.timer.current).toBeNull();
    expect(s.notifications.at(-1)?.code).toBe('timer_stopped');
  });

  it('tells everyone when the coffee break is over', () => {
    let s = at(joined(), LOCAL, LOCAL, 'timer', { message: 'started', timer: timer({ kind: 'coffee_break', ready_check: false }) });
    expect(s.notifications.map((n) => n.code)).not.toContain('timer_started'); // the overlay says it
    s = at(s, LOCAL, LOCAL, 'timer', { message: 'stopped', timer_id: 't-1', kind: 'coffee_break', reason: 'stopped', by: ALICE, started_at: LOCAL, stopped_at: LOCAL + 1 });
    expect(s.notifications.at(-1)?.code).toBe('coffee_break_ended');
  });
});
