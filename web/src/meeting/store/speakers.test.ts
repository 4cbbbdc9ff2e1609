import { describe, expect, it } from 'vitest';
import type { SpeakerQueue, ServerFrame } from '../../protocol/types';
import { ALICE, BOB, joinSuccess, participant, ROOM, SELF, speakerQueue } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { startConnecting } from './reducers/local';
import { sortParticipants } from './selectors';
import {
  addableSpeakers,
  currentSpeakerId,
  doneSpeakers,
  isCurrentSpeaker,
  isSpeakerTimeUp,
  isWheelSpinning,
  speakerPosition,
  speakerTimeLeft,
  upcomingSpeakers,
} from './speakerSelectors';

const NOW = 1_700_000_000_000;
const CAROL = 'p-carol';

function at(state: MeetingState, namespace: ServerFrame['namespace'], payload: unknown, serverTs = NOW): MeetingState {
  return reduceFrame(state, { namespace, payload, timestamp: serverTs } as ServerFrame, { now: NOW });
}

function queue(over: Partial<SpeakerQueue> = {}): SpeakerQueue {
  return speakerQueue({ started_at: NOW, upcoming: [BOB, SELF], ...over });
}

function joined(speakers: { queue?: SpeakerQueue } = {}): MeetingState {
  const join = joinSuccess();
  return at(startConnecting(ROOM, INITIAL_STATE.media.local, 0), 'control', {
    ...join,
    participants: [...join.participants, participant(CAROL, { display_name: 'Carol', joined_at: 4000 })],
    modules: { ...join.modules, speakers },
  });
}

describe('speakers reducer', () => {
  it('takes the round from join_success and follows updates; names the upcoming', () => {
    let s = joined({ queue: queue() });
    expect(s.speakers.queue?.id).toBe('q-1');
    expect(currentSpeakerId(s)).toBeNull();
    expect(upcomingSpeakers(s)).toEqual([
      { id: BOB, name: 'bob' },
      { id: SELF, name: 'self' },
    ]);
    expect(speakerPosition(s)).toBe(2);
    s = at(s, 'speakers', { message: 'updated', queue: queue({ upcoming: [SELF], current: { participant_id: BOB, started_at: NOW } }) });
    expect(currentSpeakerId(s)).toBe(BOB);
    expect(isCurrentSpeaker(s)).toBe(false);
    expect(speakerPosition(s)).toBe(1);
    // BOB is done, the word is mine: a notice for me.
    s = at(s, 'speakers', { message: 'updated', queue: queue({ upcoming: [], done: [BOB], current: { participant_id: SELF, started_at: NOW + 5 } }) });
    expect(isCurrentSpeaker(s)).toBe(true);
    expect(doneSpeakers(s)).toEqual([{ id: BOB, name: 'bob' }]);
    expect(s.notifications.map((n) => n.code)).toEqual(['speakers_your_turn']);
    // The same turn again (e.g. someone was added) is no second notice.
    s = at(s, 'speakers', { message: 'updated', queue: queue({ upcoming: [CAROL], done: [BOB], current: { participant_id: SELF, started_at: NOW + 5 } }) });
    expect(s.notifications).toHaveLength(1);
    s = at(s, 'speakers', { message: 'stopped', queue_id: 'q-1', by: ALICE });
    expect(s.speakers.queue).toBeNull();
  });

  it('tells the others a round started, not the moderator who started it', () => {
    let s = joined();
    s = at(s, 'speakers', { message: 'updated', queue: queue() });
    expect(s.notifications.map((n) => n.code)).toEqual(['speakers_started']);
    let mine = joined();
    mine = at(mine, 'speakers', { message: 'updated', queue: queue({ started_by: SELF }) });
    expect(mine.notifications).toEqual([]);
  });

  it('marks time up for the current turn only and clears it with the next turn', () => {
    const turn = { participant_id: BOB, started_at: NOW, ends_at: NOW + 30_000 };
    let s = joined({ queue: queue({ time_limit_seconds: 30, upcoming: [SELF], current: turn }) });
    expect(speakerTimeLeft(s, NOW + 10_000)).toBe(20_000);
    expect(isSpeakerTimeUp(s)).toBe(false);
    s = at(s, 'speakers', { message: 'time_up', queue_id: 'q-1', participant_id: SELF }); // not the speaker: ignored
    expect(isSpeakerTimeUp(s)).toBe(false);
    s = at(s, 'speakers', { message: 'time_up', queue_id: 'q-other', participant_id: BOB });
    expect(isSpeakerTimeUp(s)).toBe(false);
    s = at(s, 'speakers', { message: 'time_up', queue_id: 'q-1', participant_id: BOB });
    expect(isSpeakerTimeUp(s)).toBe(true);
    // An update of the same turn keeps it; the next turn clears it.
    s = at(s, 'speakers', { message: 'updated', queue: queue({ time_limit_seconds: 30, upcoming: [SELF, CAROL], current: turn }) });
    expect(isSpeakerTimeUp(s)).toBe(true);
    s = at(s, 'speakers', { message: 'updated', queue: queue({ time_limit_seconds: 30, upcoming: [CAROL], done: [BOB], current: { participant_id: SELF, started_at: NOW + 31_000, ends_at: NOW + 61_000 } }) });
    expect(isSpeakerTimeUp(s)).toBe(false);
    expect(speakerTimeLeft(s, NOW + 31_000)).toBe(30_000);
  });

  it('keeps the last wheel spin after the server ends it, until the next round', () => {
    const spin = { id: 's-1', candidates: [BOB, SELF, CAROL], winner: CAROL, turns: 5, started_at: NOW, stops_at: NOW + 6_000 };
    let s = joined({ queue: queue({ selection: 'wheel', upcoming: [BOB, SELF, CAROL], spin }) });
    expect(isWheelSpinning(s)).toBe(true);
    expect(s.speakers.lastSpin?.id).toBe('s-1');
    s = at(s, 'speakers', { message: 'updated', queue: queue({ selection: 'wheel', upcoming: [BOB, SELF], current: { participant_id: CAROL, started_at: NOW + 6_000 } }) });
    expect(isWheelSpinning(s)).toBe(false);
    expect(s.speakers.lastSpin?.winner).toBe(CAROL);
    s = at(s, 'speakers', { message: 'updated', queue: queue({ id: 'q-2', selection: 'wheel' }) });
    expect(s.speakers.lastSpin).toBeNull();
  });

  it('keeps the server clock estimate from speaker frames', () => {
    const s = at(joined(), 'speakers', { message: 'updated', queue: queue() }, NOW + 9_000);
    expect(s.timer.clockOffsetMs).toBe(9_000);
  });

  it('offers moderators everyone to add who is not upcoming or speaking', () => {
    const s = joined({ queue: queue({ upcoming: [BOB], current: { participant_id: SELF, started_at: NOW } }) });
    expect(addableSpeakers(s).map((p) => p.id)).toEqual([ALICE, CAROL]);
  });
});

describe('speaking-time sorts', () => {
  it('sorts by spoke most, least and last; never spoken last, first and last', () => {
    let s = joined();
    s = at(s, 'media', {
      message: 'speaking_times',
      speaking_times: [
        { participant_id: SELF, total_ms: 50, last_spoke_at: 1000 },
        { participant_id: ALICE, total_ms: 10, last_spoke_at: 3000 },
        { participant_id: BOB, total_ms: 30, last_spoke_at: 2000 },
      ],
    });
    const names = (sort: Parameters<typeof sortParticipants>[1]) => sortParticipants(s, sort).map((p) => p.display_name);
    expect(names('speaking_time')).toEqual(['self', 'bob', 'alice', 'Carol']);
    expect(names('spoke_least')).toEqual(['Carol', 'alice', 'bob', 'self']);
    expect(names('spoke_last')).toEqual(['alice', 'bob', 'self', 'Carol']);
    expect(s.media.lastSpokeAt).toEqual({ [SELF]: 1000, [ALICE]: 3000, [BOB]: 2000 });
  });
});
