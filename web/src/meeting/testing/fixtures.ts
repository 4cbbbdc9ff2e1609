/** Protocol payloads for the tests (used by *.test.ts only). */
import type { ControlJoinSuccessEvent, Participant, ServerFrame, SpeakerQueue } from '../../protocol/types';

export const ROOM = 'room-1';
export const SELF = 'p-self';
export const ALICE = 'p-alice';
export const BOB = 'p-bob';

export function participant(id: string, over: Partial<Participant> = {}): Participant {
  return {
    id,
    display_name: id.replace('p-', ''),
    kind: 'user',
    role: 'user',
    joined_at: 1000,
    devices: 1,
    groups: [],
    ...over,
  };
}

export function joinSuccess(over: Partial<ControlJoinSuccessEvent> = {}): ControlJoinSuccessEvent {
  return {
    message: 'join_success',
    participant_id: SELF,
    resumption_token: 'tok-1',
    room: { id: ROOM, name: 'Weekly', locked: false, started_at: 1000 },
    participants: [participant(SELF, { joined_at: 3000 }), participant(ALICE, { role: 'moderator', joined_at: 1000 }), participant(BOB, { kind: 'guest', joined_at: 2000 })],
    modules: {
      moderation: { locked: false, self_rename: true, podium: [], microphone_restriction: false, microphone_allowed: [] },
      waiting_room: { mode: 'off', waiting: [] },
      hands: { enabled: true, raised: [] },
      reactions: { enabled: true },
      chat: { enabled: true, recent: [], last_seen: [] },
      media: { available: false, ice_servers: [], publications: [], presenters: [], speaking_times: [] },
      polls: {},
      timer: {},
      points_of_order: { raised: [] },
      legal_vote: { votes: [], ballots: [], public_key: '' },
      speakers: {},
    },
    ...over,
  };
}

export function frame<F extends ServerFrame>(namespace: F['namespace'], payload: F['payload'], id?: string): ServerFrame {
  return { namespace, payload, timestamp: 1_700_000_000_000, ...(id === undefined ? {} : { id }) } as ServerFrame;
}

/** A speaker round started by ALICE (talking stick, by join time): override what a test needs. */
export function speakerQueue(over: Partial<SpeakerQueue> = {}): SpeakerQueue {
  return {
    id: 'q-1',
    selection: 'list',
    order: 'join_time',
    include_moderators: false,
    append_late_joiners: true,
    started_by: ALICE,
    started_at: 1_700_000_000_000,
    upcoming: [],
    done: [],
    ...over,
  };
}
