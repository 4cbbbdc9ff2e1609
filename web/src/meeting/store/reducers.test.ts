import { describe, expect, it } from 'vitest';
import type { ChatMessage, ServerFrame } from '../../protocol/types';
import { ALICE, BOB, frame, joinSuccess, participant, ROOM, SELF } from '../testing/fixtures';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';
import { reduceFrame } from './reduce';
import { clearSearch, markSeen, openConversation, setHistoryLoading, startSearch } from './reducers/chat';
import { expireReactions, REACTION_LIFETIME_MS } from './reducers/hands';
import {
  addNotification,
  clearMediaAdaptation,
  dismissNotification,
  setEnded,
  setLocalMedia,
  setPeerConnectionStatus,
  setReconnecting,
  setVideoMids,
  startConnecting,
} from './reducers/local';

const NOW = 1_700_000_000_000;
const ctx = { now: NOW };

function apply(state: MeetingState, ...frames: ServerFrame[]): MeetingState {
  return frames.reduce((s, f) => reduceFrame(s, f, ctx), state);
}

function connecting(): MeetingState {
  return startConnecting(ROOM, INITIAL_STATE.media.local, 0);
}

function joined(over: Parameters<typeof joinSuccess>[0] = {}): MeetingState {
  return apply(connecting(), frame('control', joinSuccess(over)));
}

function codes(state: MeetingState): string[] {
  return state.notifications.map((n) => n.code);
}

function msg(id: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return { id, sender: ALICE, sender_name: 'alice', scope: 'everyone', content: `m${id}`, sent_at: NOW, ...over };
}

describe('control', () => {
  it('join_success fills the state', () => {
    const s = joined({
      modules: {
        ...joinSuccess().modules,
        hands: { enabled: true, raised: [{ participant_id: BOB, raised_at: 9 }, { participant_id: ALICE, raised_at: 5 }] },
        waiting_room: { mode: 'guests', waiting: [{ id: 'w1', display_name: 'W', kind: 'guest', waiting_since: 1 }] },
        media: {
          available: true,
          ice_servers: [{ urls: ['turn:x'], username: 'u', credential: 'c' }],
          publications: [
            { participant_id: ALICE, source: 'camera', muted: false },
            { participant_id: ALICE, source: 'microphone', muted: true },
          ],
          presenters: [BOB],
          active_speaker: ALICE,
          speaking_times: [{ participant_id: ALICE, total_ms: 1200, last_spoke_at: 1500 }],
        },
      },
    });
    expect(s.phase).toBe('joined');
    expect(s.selfId).toBe(SELF);
    expect(s.room?.name).toBe('Weekly');
    expect(Object.keys(s.participants).sort()).toEqual([ALICE, BOB, SELF].sort());
    expect(s.hands.raised.map((h) => h.participant_id)).toEqual([ALICE, BOB]);
    expect(s.waitingRoomMode).toBe('guests');
    expect(s.waiting).toHaveLength(1);
    expect(s.media.available).toBe(true);
    expect(s.media.iceServers[0]?.urls).toEqual(['turn:x']);
    expect(s.media.publications[ALICE]).toEqual({ camera: { muted: false }, microphone: { muted: true } });
    expect(s.media.presenters).toEqual([BOB]);
    expect(s.media.activeSpeaker).toBe(ALICE);
    expect(s.media.speakingTimes).toEqual({ [ALICE]: 1200 });
    expect(s.chat.conversations.everyone).toBeDefined();
    expect(s.notifications).toEqual([]);
  });

  it('joined, updated, left', () => {
    let s = joined();
    s = apply(s, frame('control', { message: 'joined', participant: participant('p-carol') }));
    expect(s.participants['p-carol']).toBeDefined();
    s = apply(s, frame('control', { message: 'updated', participant: participant('p-carol', { display_name: 'Carol' }) }));
    expect(s.participants['p-carol']?.display_name).toBe('Carol');
    s = apply(
      s,
      frame('hands', { message: 'raised', participant_id: 'p-carol', raised_at: 3 }),
      frame('media', { message: 'publications_changed', participant_id: 'p-carol', publications: [{ participant_id: 'p-carol', source: 'camera', muted: false }] }),
      frame('media', { message: 'active_speaker', participant_id: 'p-carol' }),
      frame('control', { message: 'left', participant_id: 'p-carol', reason: 'left' }),
    );
    expect(s.participants['p-carol']).toBeUndefined();
    expect(s.hands.raised).toEqual([]);
    expect(s.media.publications['p-carol']).toBeUndefined();
    expect(s.media.activeSpeaker).toBeNull();
    expect(s.notifications).toEqual([]);
  });

  it('notices promotion, demotion and a rename by someone else, not the own rename', () => {
    let s = joined();
    s = apply(s, frame('control', { message: 'updated', participant: participant(SELF, { role: 'moderator' }) }));
    s = apply(s, frame('control', { message: 'updated', participant: participant(SELF, { role: 'user' }) }));
    s = apply(s, frame('control', { message: 'updated', participant: participant(SELF, { display_name: 'Neo' }) }));
    expect(codes(s)).toEqual(['promoted', 'demoted', 'renamed']);
    expect(s.notifications[2]?.params).toEqual({ display_name: 'Neo' });
    const own = reduceFrame(s, frame('control', { message: 'updated', participant: participant(SELF, { display_name: 'Me' }) }), {
      now: NOW,
      pendingDisplayName: 'Me',
    });
    expect(codes(own)).toEqual(['promoted', 'demoted', 'renamed']);
    // Others' changes are no notification.
    expect(codes(apply(joined(), frame('control', { message: 'updated', participant: participant(BOB, { role: 'moderator' }) })))).toEqual([]);
  });

  it('closing, closed, slow_down, pong, error', () => {
    let s = joined();
    s = apply(s, frame('control', { message: 'closing', at: NOW + 300_000, reason: 'time_limit' }));
    expect(s.closingAt).toBe(NOW + 300_000);
    expect(s.notifications[0]).toMatchObject({ code: 'room_closing', params: { at: NOW + 300_000 } });
    s = apply(s, frame('control', { message: 'slow_down', retry_after_ms: 500 }), frame('control', { message: 'slow_down', retry_after_ms: 500 }));
    expect(codes(s)).toEqual(['room_closing', 'slow_down']);
    expect(apply(s, frame('control', { message: 'pong' }))).toBe(s);
    expect(apply(s, frame('control', { message: 'error', code: 'forbidden', text: '' }))).toBe(s);
    s = apply(s, frame('control', { message: 'closed', reason: 'ended_by_moderator' }));
    expect(s.phase).toBe('ended');
    expect(s.endReason).toBe('ended_by_moderator');
    // The first reason stays.
    expect(setEnded(s, 'connection_lost').endReason).toBe('ended_by_moderator');
  });

  it('a resumption notices reconnected and keeps local media', () => {
    let s = joined();
    s = setLocalMedia(s, { microphone: true, hasMicrophone: true });
    s = setReconnecting(s);
    expect(s.phase).toBe('reconnecting');
    s = apply(s, frame('control', joinSuccess({ resumption_token: 'tok-2' })));
    expect(s.phase).toBe('joined');
    expect(codes(s)).toEqual(['reconnected']);
    expect(s.media.local.microphone).toBe(true);
  });
});

describe('waiting_room', () => {
  it('waiting, then admitted', () => {
    let s = apply(connecting(), frame('waiting_room', { message: 'waiting', participant_id: SELF, resumption_token: 't', room_name: 'Weekly' }));
    expect(s.phase).toBe('waiting');
    expect(s.selfId).toBe(SELF);
    expect(s.room).toEqual({ id: ROOM, name: 'Weekly', locked: false, started_at: 0 });
    s = apply(s, frame('control', joinSuccess()));
    expect(s.phase).toBe('joined');
    expect(codes(s)).toEqual(['admitted']);
  });

  it('sent back to the waiting room forgets the room', () => {
    let s = apply(joined(), frame('waiting_room', { message: 'waiting', participant_id: SELF, resumption_token: 't2', room_name: 'Weekly' }));
    expect(s.phase).toBe('waiting');
    expect(s.participants).toEqual({});
    expect(codes(s)).toEqual(['sent_back']);
  });

  it('entered, removed, mode_changed (moderators)', () => {
    let s = joined();
    s = apply(
      s,
      frame('waiting_room', { message: 'entered', waiter: { id: 'w2', display_name: 'Late', kind: 'guest', waiting_since: 20 } }),
      frame('waiting_room', { message: 'entered', waiter: { id: 'w1', display_name: 'Early', kind: 'user', waiting_since: 10 } }),
    );
    expect(s.waiting.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(s.notifications.map((n) => n.params.display_name)).toEqual(['Late', 'Early']);
    s = apply(s, frame('waiting_room', { message: 'removed', participant_id: 'w1', reason: 'admitted' }));
    expect(s.waiting.map((w) => w.id)).toEqual(['w2']);
    s = apply(s, frame('waiting_room', { message: 'mode_changed', mode: 'everyone' }));
    expect(s.waitingRoomMode).toBe('everyone');
  });
});

describe('moderation', () => {
  it('kicked ends the meeting with the reason', () => {
    for (const reason of ['kicked', 'banned', 'debriefed'] as const) {
      const s = apply(joined(), frame('moderation', { message: 'kicked', by: ALICE, reason }));
      expect(s.phase).toBe('ended');
      expect(s.endReason).toBe(reason);
    }
  });

  it('mute_requested notifies', () => {
    const s = apply(joined(), frame('moderation', { message: 'mute_requested', by: ALICE }));
    expect(s.notifications[0]).toMatchObject({ code: 'muted_by_moderator', params: { by: ALICE } });
  });

  it('settings_changed updates lock and notices the microphone restriction', () => {
    const base = { locked: true, self_rename: false, podium: [ALICE], microphone_restriction: true, microphone_allowed: [] };
    let s = apply(joined(), frame('moderation', { message: 'settings_changed', state: base }));
    expect(s.moderation).toEqual(base);
    expect(s.room?.locked).toBe(true);
    expect(codes(s)).toEqual(['microphone_restricted']);
    s = apply(s, frame('moderation', { message: 'settings_changed', state: { ...base, microphone_allowed: [SELF] } }));
    expect(codes(s)).toEqual(['microphone_restricted', 'microphone_allowed']);
  });
});

describe('hands and reactions', () => {
  it('raised keeps the order of raising; lowered by a moderator notifies', () => {
    let s = apply(
      joined(),
      frame('hands', { message: 'raised', participant_id: BOB, raised_at: 20 }),
      frame('hands', { message: 'raised', participant_id: SELF, raised_at: 10 }),
    );
    expect(s.hands.raised.map((h) => h.participant_id)).toEqual([SELF, BOB]);
    expect(s.participants[SELF]?.hand_raised_at).toBe(10);
    s = apply(s, frame('hands', { message: 'lowered', participant_ids: [SELF], by: ALICE }));
    expect(s.hands.raised.map((h) => h.participant_id)).toEqual([BOB]);
    expect(s.participants[SELF]?.hand_raised_at).toBeUndefined();
    expect(codes(s)).toEqual(['hand_lowered']);
    // Lowering the own hand is no notification.
    s = apply(s, frame('hands', { message: 'raised', participant_id: SELF, raised_at: 30 }), frame('hands', { message: 'lowered', participant_ids: [SELF], by: SELF }));
    expect(codes(s)).toEqual(['hand_lowered']);
    s = apply(s, frame('hands', { message: 'enabled_changed', enabled: false }));
    expect(s.hands).toEqual({ enabled: false, raised: [] });
  });

  it('reactions appear and expire', () => {
    let s = apply(joined(), frame('reactions', { message: 'reaction', participant_id: BOB, reaction: 'clap' }));
    expect(s.reactions.recent).toHaveLength(1);
    expect(s.reactions.recent[0]).toMatchObject({ participantId: BOB, reaction: 'clap', at: NOW, expiresAt: NOW + REACTION_LIFETIME_MS });
    expect(expireReactions(s, NOW + 1000)).toBe(s);
    expect(expireReactions(s, NOW + REACTION_LIFETIME_MS).reactions.recent).toEqual([]);
    s = apply(s, frame('reactions', { message: 'enabled_changed', enabled: false }));
    expect(s.reactions).toEqual({ enabled: false, recent: [] });
  });
});

describe('chat', () => {
  const group = msg(3, { scope: 'group', group: 'moderators', sender: ALICE });
  const privIn = msg(4, { scope: 'private', sender: BOB, recipient: SELF });
  const privOut = msg(5, { scope: 'private', sender: SELF, recipient: BOB });

  function withChat(): MeetingState {
    return joined({
      modules: {
        ...joinSuccess().modules,
        chat: {
          enabled: true,
          recent: [msg(1), msg(2, { sender: SELF }), group, privIn, privOut],
          last_seen: [{ conversation: 'everyone', message_id: 1 }, { conversation: 'group:team', message_id: 0 }],
        },
      },
    });
  }

  it('builds conversations from join_success with unread counts', () => {
    const s = withChat();
    const c = s.chat.conversations;
    expect(Object.keys(c).sort()).toEqual(['everyone', 'group:moderators', 'group:team', `private:${BOB}`]);
    expect(c.everyone?.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(c.everyone?.unread).toBe(0); // 1 seen, 2 is own
    expect(c['group:moderators']?.unread).toBe(1);
    expect(c[`private:${BOB}`]).toMatchObject({ scope: 'private', peerId: BOB, unread: 1 });
    expect(c[`private:${BOB}`]?.messages.map((m) => m.id)).toEqual([4, 5]);
    expect(c.everyone?.hasMore).toBe(true);
  });

  it('message: appended, unread for others, own messages are seen', () => {
    let s = apply(withChat(), frame('chat', { message: 'message', chat_message: msg(6) }));
    expect(s.chat.conversations.everyone?.unread).toBe(1);
    s = apply(s, frame('chat', { message: 'message', chat_message: msg(7, { sender: SELF }) }));
    expect(s.chat.conversations.everyone?.lastSeen).toBe(7);
    expect(s.chat.conversations.everyone?.unread).toBe(0);
    // A duplicate is not added twice.
    s = apply(s, frame('chat', { message: 'message', chat_message: msg(7, { sender: SELF }) }));
    expect(s.chat.conversations.everyone?.messages.map((m) => m.id)).toEqual([1, 2, 6, 7]);
    // A private message from a new peer opens a conversation.
    s = apply(s, frame('chat', { message: 'message', chat_message: msg(8, { scope: 'private', sender: ALICE, recipient: SELF }) }));
    expect(s.chat.conversations[`private:${ALICE}`]?.unread).toBe(1);
  });

  it('markSeen clears unread', () => {
    const s = markSeen(withChat(), 'group:moderators');
    expect(s.chat.conversations['group:moderators']).toMatchObject({ lastSeen: 3, unread: 0 });
    expect(markSeen(s, 'group:moderators')).toBe(s);
    expect(markSeen(s, 'nope')).toBe(s);
  });

  it('history pages older messages in front', () => {
    let s = apply(joined(), frame('chat', { message: 'message', chat_message: msg(10) }));
    s = setHistoryLoading(s, 'everyone', true);
    expect(s.chat.conversations.everyone?.loadingHistory).toBe(true);
    s = apply(s, frame('chat', { message: 'history', conversation: 'everyone', messages: [msg(3), msg(4)], more: false }));
    expect(s.chat.conversations.everyone?.messages.map((m) => m.id)).toEqual([3, 4, 10]);
    expect(s.chat.conversations.everyone).toMatchObject({ hasMore: false, loadingHistory: false });
  });

  it('search results, clear search', () => {
    let s = startSearch(withChat(), 'hello');
    expect(s.chat.search).toEqual({ query: 'hello', pending: true, results: [] });
    s = apply(s, frame('chat', { message: 'search_results', messages: [msg(1)] }));
    expect(s.chat.search).toEqual({ query: 'hello', pending: false, results: [msg(1)] });
    expect(clearSearch(s).chat.search).toBeNull();
  });

  it('cleared empties every conversation; enabled_changed notifies', () => {
    let s = apply(withChat(), frame('chat', { message: 'cleared', by: ALICE }));
    expect(Object.values(s.chat.conversations).every((c) => c.messages.length === 0 && c.unread === 0)).toBe(true);
    expect(codes(s)).toEqual(['chat_cleared']);
    s = apply(s, frame('chat', { message: 'enabled_changed', enabled: false }), frame('chat', { message: 'enabled_changed', enabled: false }));
    expect(s.chat.enabled).toBe(false);
    expect(codes(s)).toEqual(['chat_cleared', 'chat_disabled']);
  });

  it('openConversation creates an empty private conversation', () => {
    const s = openConversation(joined(), `private:${ALICE}`);
    expect(s.chat.conversations[`private:${ALICE}`]).toMatchObject({ scope: 'private', peerId: ALICE, messages: [] });
  });
});

describe('media', () => {
  it('publications, presenters, speaker, speaking times, connection state', () => {
    let s = apply(
      joined(),
      frame('media', {
        message: 'publications_changed',
        participant_id: BOB,
        publications: [
          { participant_id: BOB, source: 'camera', muted: true },
          { participant_id: BOB, source: 'screen', muted: false },
        ],
      }),
    );
    expect(s.media.publications[BOB]).toEqual({ camera: { muted: true }, screen: { muted: false } });
    s = apply(s, frame('media', { message: 'publications_changed', participant_id: BOB, publications: [] }));
    expect(s.media.publications[BOB]).toBeUndefined();
    s = apply(s, frame('media', { message: 'presenter_changed', participant_id: SELF, allowed: true }));
    expect(s.media.presenters).toEqual([SELF]);
    s = apply(s, frame('media', { message: 'presenter_changed', participant_id: SELF, allowed: false }));
    expect(s.media.presenters).toEqual([]);
    expect(codes(s)).toEqual(['presenter_granted', 'presenter_revoked']);
    s = apply(s, frame('media', { message: 'active_speaker', participant_id: BOB }));
    expect(s.media.activeSpeaker).toBe(BOB);
    s = apply(s, frame('media', { message: 'active_speaker' }));
    expect(s.media.activeSpeaker).toBeNull();
    s = apply(s, frame('media', { message: 'speaking_times', speaking_times: [{ participant_id: BOB, total_ms: 5, last_spoke_at: 1500 }] }));
    expect(s.media.speakingTimes).toEqual({ [BOB]: 5 });
    s = apply(s, frame('media', { message: 'connection_state', connection: 'subscribe', state: 'failed' }));
    expect(s.media.connection.subscribe).toBe('failed');
    const before = s;
    expect(apply(s, frame('media', { message: 'publish_answer', sdp: 'v=0' }))).toBe(before);
    expect(apply(s, frame('media', { message: 'subscribe_offer', sdp: 'v=0', version: 1, tracks: [] }))).toBe(before);
  });

  it('publish_layers: the last list per mid', () => {
    let s = joined();
    expect(s.media.publishLayers).toEqual({});
    s = apply(s, frame('media', { message: 'publish_layers', mid: '1', active_rids: ['q', 'h'] }));
    s = apply(s, frame('media', { message: 'publish_layers', mid: '2', active_rids: [] }));
    expect(s.media.publishLayers).toEqual({ '1': ['q', 'h'], '2': [] });
    const before = s;
    expect(apply(s, frame('media', { message: 'publish_layers', mid: '1', active_rids: ['q', 'h'] }))).toBe(before);
    s = apply(s, frame('media', { message: 'publish_layers', mid: '1', active_rids: ['q', 'h', 'f'] }));
    expect(s.media.publishLayers['1']).toEqual(['q', 'h', 'f']);
  });

  it('receive_quality: paused mids and the estimate, unchanged events keep the state', () => {
    let s = joined();
    expect(s.media.receiveQuality).toEqual({ pausedMids: [], estimateKbps: null });
    s = apply(s, frame('media', { message: 'receive_quality', paused_mids: ['4', '6'], estimate_kbps: 250 }));
    expect(s.media.receiveQuality).toEqual({ pausedMids: ['4', '6'], estimateKbps: 250 });
    const before = s;
    expect(apply(s, frame('media', { message: 'receive_quality', paused_mids: ['4', '6'], estimate_kbps: 250 }))).toBe(before);
    s = apply(s, frame('media', { message: 'receive_quality', paused_mids: [] }));
    expect(s.media.receiveQuality).toEqual({ pausedMids: [], estimateKbps: null });
  });

  it('sent back to the waiting room forgets layers, paused videos and the estimate', () => {
    let s = apply(
      joined(),
      frame('media', { message: 'publish_layers', mid: '1', active_rids: ['q'] }),
      frame('media', { message: 'receive_quality', paused_mids: ['4'], estimate_kbps: 250 }),
    );
    s = setVideoMids(s, new Map([[`${ALICE}/camera`, '4']]));
    s = apply(s, frame('waiting_room', { message: 'waiting', participant_id: SELF, resumption_token: 't', room_name: 'x' }));
    expect(s.media).toMatchObject({ publishLayers: {}, videoMids: {}, receiveQuality: { pausedMids: [], estimateKbps: null } });
  });
});

describe('local changes', () => {
  it('connecting, reconnecting only from joined/waiting, peer status, notifications', () => {
    const c = connecting();
    expect(c.phase).toBe('connecting');
    expect(c.roomId).toBe(ROOM);
    expect(setReconnecting(c)).toBe(c);
    let s = setPeerConnectionStatus(joined(), 'publish', 'connected');
    expect(s.media.connection.publish).toBe('connected');
    s = addNotification(s, 'device_failed', { source: 'camera', error: 'in_use' }, NOW);
    const id = s.notifications[0]?.id ?? -1;
    expect(dismissNotification(s, id).notifications).toEqual([]);
    expect(dismissNotification(s, 999)).toBe(s);
    expect(setLocalMedia(s, { microphone: false })).toBe(s);
  });

  it('video mids from the media session; clearing what the server said about the connections', () => {
    let s = setVideoMids(joined(), new Map([[`${ALICE}/camera`, '1']]));
    expect(s.media.videoMids).toEqual({ [`${ALICE}/camera`]: '1' });
    expect(setVideoMids(s, new Map([[`${ALICE}/camera`, '1']]))).toBe(s);
    s = apply(s, frame('media', { message: 'receive_quality', paused_mids: ['1'], estimate_kbps: 99 }));
    s = clearMediaAdaptation(s);
    expect(s.media).toMatchObject({ publishLayers: {}, videoMids: {}, receiveQuality: { pausedMids: [], estimateKbps: null } });
    expect(clearMediaAdaptation(s)).toBe(s);
  });
});
