import { describe, expect, it } from 'vitest';
import { ALICE, BOB, frame, joinSuccess, participant, ROOM, SELF } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { setVideoMids, startConnecting } from './reducers/local';
import {
  displayNameOf,
  filterParticipants,
  handPosition,
  hasGuests,
  isHandRaised,
  isModerator,
  isPublishing,
  isSending,
  isVideoPaused,
  mayPresent,
  mayUnmute,
  selectConversations,
  selectDownlinkEstimate,
  selectIsModerator,
  selectParticipantCount,
  selectPausedVideoCount,
  selectRaisedHands,
  selectScreenSharers,
  selectSelf,
  selectUnreadTotal,
  sortParticipants,
} from './selectors';

const ctx = { now: 1 };

function state(): MeetingState {
  let s = startConnecting(ROOM, INITIAL_STATE.media.local, 0);
  s = reduceFrame(
    s,
    frame(
      'control',
      joinSuccess({
        participants: [
          participant(SELF, { display_name: 'zoe', joined_at: 3 }),
          participant(ALICE, { display_name: 'Alice', role: 'owner', joined_at: 1 }),
          participant(BOB, { display_name: 'bob', kind: 'guest', joined_at: 2 }),
        ],
      }),
    ),
    ctx,
  );
  const frames = [
    frame('hands', { message: 'raised', participant_id: BOB, raised_at: 5 }),
    frame('hands', { message: 'raised', participant_id: SELF, raised_at: 7 }),
    frame('media', { message: 'speaking_times', speaking_times: [{ participant_id: SELF, total_ms: 50, last_spoke_at: 2000 }, { participant_id: ALICE, total_ms: 10, last_spoke_at: 1000 }] }),
    frame('media', {
      message: 'publications_changed',
      participant_id: BOB,
      publications: [
        { participant_id: BOB, source: 'screen', muted: false },
        { participant_id: BOB, source: 'camera', muted: true },
      ],
    }),
    frame('chat', { message: 'message', chat_message: { id: 1, sender: ALICE, sender_name: 'Alice', scope: 'everyone', content: 'hi', sent_at: 1 } }),
    frame('chat', {
      message: 'message',
      chat_message: { id: 2, sender: BOB, sender_name: 'bob', scope: 'private', recipient: SELF, content: 'psst', sent_at: 2 },
    }),
  ];
  return frames.reduce((acc, f) => reduceFrame(acc, f, ctx), s);
}

describe('selectors', () => {
  it('sorts participants by name, join time, raised hand first, speaking time', () => {
    const s = state();
    const names = (sort: Parameters<typeof sortParticipants>[1]) => sortParticipants(s, sort).map((p) => p.display_name);
    expect(names('name')).toEqual(['Alice', 'bob', 'zoe']);
    expect(names('join_time')).toEqual(['Alice', 'bob', 'zoe']);
    expect(names('raised_hand')).toEqual(['bob', 'zoe', 'Alice']);
    expect(names('speaking_time')).toEqual(['zoe', 'Alice', 'bob']);
  });

  it('filters by name', () => {
    const s = state();
    expect(filterParticipants(sortParticipants(s, 'name'), ' BO ').map((p) => p.id)).toEqual([BOB]);
    expect(filterParticipants(sortParticipants(s, 'name'), '')).toHaveLength(3);
  });

  it('roles and permissions', () => {
    const s = state();
    expect(selectSelf(s)?.display_name).toBe('zoe');
    expect(isModerator(s)).toBe(false);
    expect(selectIsModerator(s)).toBe(false);
    expect(isModerator(s, ALICE)).toBe(true);
    expect(mayPresent(s)).toBe(false);
    expect(mayPresent(s, ALICE)).toBe(true);
    const presenter = reduceFrame(s, frame('media', { message: 'presenter_changed', participant_id: SELF, allowed: true }), ctx);
    expect(mayPresent(presenter)).toBe(true);
    expect(mayUnmute(s)).toBe(true);
    const restricted = reduceFrame(
      s,
      frame('moderation', {
        message: 'settings_changed',
        state: { locked: false, self_rename: true, podium: [], microphone_restriction: true, microphone_allowed: [BOB] },
      }),
      ctx,
    );
    expect(mayUnmute(restricted)).toBe(false);
    expect(mayUnmute(restricted, BOB)).toBe(true);
    expect(mayUnmute(restricted, ALICE)).toBe(true);
    expect(isModerator(INITIAL_STATE)).toBe(false);
  });

  it('hands, media, guests, chat', () => {
    const s = state();
    expect(selectParticipantCount(s)).toBe(3);
    expect(selectRaisedHands(s).map((p) => p.id)).toEqual([BOB, SELF]);
    expect(isHandRaised(s)).toBe(true);
    expect(isHandRaised(s, ALICE)).toBe(false);
    expect(handPosition(s, SELF)).toBe(2);
    expect(handPosition(s, ALICE)).toBeNull();
    expect(isPublishing(s, BOB, 'camera')).toBe(true);
    expect(isSending(s, BOB, 'camera')).toBe(false);
    expect(isSending(s, BOB, 'screen')).toBe(true);
    expect(selectScreenSharers(s).map((p) => p.id)).toEqual([BOB]);
    expect(hasGuests(s)).toBe(true);
    expect(selectUnreadTotal(s)).toBe(2);
    expect(selectConversations(s).map((c) => c.key)).toEqual(['everyone', `private:${BOB}`]);
    expect(displayNameOf(s, BOB)).toBe('bob');
    expect(displayNameOf(s, 'gone', 'someone')).toBe('someone');
  });

  it('videos paused for the downlink, by participant and source', () => {
    let s = setVideoMids(state(), new Map([[`${BOB}/camera`, '3'], [`${BOB}/screen`, '5'], [`${ALICE}/camera`, '7']]));
    expect(isVideoPaused(s, BOB, 'camera')).toBe(false);
    expect(selectPausedVideoCount(s)).toBe(0);
    expect(selectDownlinkEstimate(s)).toBeNull();
    // '9' is no longer received (an offer removed it): it does not count.
    s = reduceFrame(s, frame('media', { message: 'receive_quality', paused_mids: ['3', '7', '9'], estimate_kbps: 300 }), ctx);
    expect(isVideoPaused(s, BOB, 'camera')).toBe(true);
    expect(isVideoPaused(s, BOB, 'screen')).toBe(false);
    expect(isVideoPaused(s, ALICE, 'camera')).toBe(true);
    expect(isVideoPaused(s, SELF, 'camera')).toBe(false);
    expect(selectPausedVideoCount(s)).toBe(2);
    expect(selectDownlinkEstimate(s)).toBe(300);
  });
});
