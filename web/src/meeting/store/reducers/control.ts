/** control (join_success, who is in the room, closing) and waiting_room. */
import type {
  ControlEvent,
  ControlJoinSuccessEvent,
  Participant,
  WaitingRoomEvent,
} from '../../../protocol/types';
import type { EndReason, MeetingState } from '../../types';
import { INITIAL_STATE } from '../initial';
import { isModerator } from '../selectors';
import { chatFromJoin } from './chat';
import { notify, omitKey, without, type ReduceContext } from './common';
import { mediaFromJoin } from './media';
import { legalVoteFromJoin } from './legalVote';
import { speakersFromJoin } from './speakers';

/** Everything join_success says; notices `admitted` (after waiting) and `reconnected`. */
export function applyJoinSuccess(state: MeetingState, e: ControlJoinSuccessEvent, ctx: ReduceContext): MeetingState {
  const participants: Record<string, Participant> = {};
  for (const p of e.participants) participants[p.id] = p;
  const m = e.modules;
  let next: MeetingState = {
    ...state,
    phase: 'joined',
    endReason: null,
    selfId: e.participant_id,
    room: e.room,
    participants,
    waiting: m.waiting_room.waiting,
    waitingRoomMode: m.waiting_room.mode,
    moderation: m.moderation,
    hands: { enabled: m.hands.enabled, raised: [...m.hands.raised].sort((a, b) => a.raised_at - b.raised_at) },
    reactions: { enabled: m.reactions.enabled, recent: state.reactions.recent },
    chat: chatFromJoin(m.chat, e.participant_id),
    media: mediaFromJoin(m.media, state.media),
    polls: { current: m.polls.current ?? null },
    timer: { ...state.timer, current: m.timer.current ?? null },
    pointsOfOrder: { raised: [...m.points_of_order.raised].sort((a, b) => a.raised_at - b.raised_at) },
    legalVote: legalVoteFromJoin(m.legal_vote, state.legalVote),
    speakers: speakersFromJoin(m.speakers, state.speakers),
    closingAt: e.room.ends_at !== undefined && state.closingAt !== null ? state.closingAt : null,
  };
  if (state.phase === 'waiting') next = notify(next, 'admitted', {}, ctx.now);
  else if (state.phase === 'reconnecting') next = notify(next, 'reconnected', {}, ctx.now);
  return next;
}

function removeParticipant(state: MeetingState, id: string): MeetingState {
  return {
    ...state,
    participants: omitKey(state.participants, id),
    hands: { ...state.hands, raised: without(state.hands.raised, (h) => h.participant_id === id) },
    media: {
      ...state.media,
      publications: omitKey(state.media.publications, id),
      activeSpeaker: state.media.activeSpeaker === id ? null : state.media.activeSpeaker,
      presenters: state.media.presenters.filter((p) => p !== id),
    },
  };
}

function updateParticipant(state: MeetingState, p: Participant, ctx: ReduceContext): MeetingState {
  const before = state.participants[p.id];
  let next: MeetingState = { ...state, participants: { ...state.participants, [p.id]: p } };
  if (p.id !== state.selfId || before === undefined) return next;
  const wasModerator = isModerator(state);
  const nowModerator = isModerator(next);
  if (!wasModerator && nowModerator) next = notify(next, 'promoted', {}, ctx.now);
  if (wasModerator && !nowModerator) next = notify(next, 'demoted', {}, ctx.now);
  if (before.display_name !== p.display_name && ctx.pendingDisplayName !== p.display_name) {
    next = notify(next, 'renamed', { display_name: p.display_name }, ctx.now);
  }
  return next;
}

const CLOSED: Readonly<Record<string, EndReason>> = {
  time_limit: 'time_limit',
  room_deleted: 'room_deleted',
  ended_by_moderator: 'ended_by_moderator',
  server_shutdown: 'server_shutdown',
};

/** The meeting is over; the first reason wins. */
export function endMeeting(state: MeetingState, reason: EndReason): MeetingState {
  if (state.phase === 'ended') return state;
  return { ...state, phase: 'ended', endReason: reason };
}

export function reduceControl(state: MeetingState, event: ControlEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'join_success':
      return applyJoinSuccess(state, event, ctx);
    case 'joined':
      return { ...state, participants: { ...state.participants, [event.participant.id]: event.participant } };
    case 'left':
      return removeParticipant(state, event.participant_id);
    case 'updated':
      return updateParticipant(state, event.participant, ctx);
    case 'closing':
      return notify({ ...state, closingAt: event.at }, 'room_closing', { at: event.at }, ctx.now);
    case 'closed':
      return endMeeting(state, CLOSED[event.reason] ?? 'room_closed');
    case 'slow_down': {
      const last = state.notifications[state.notifications.length - 1];
      if (last?.code === 'slow_down' && ctx.now - last.at < 5000) return state;
      return notify(state, 'slow_down', { retry_after_ms: event.retry_after_ms }, ctx.now);
    }
    case 'pong':
    case 'error':
      return state; // errors are matched to their command by the signaling client
  }
}

/**
 * `waiting`: this participant waits (first join, or sent back by a moderator). The room's
 * contents are not visible while waiting.
 */
function applyWaiting(state: MeetingState, participantId: string, roomName: string, ctx: ReduceContext): MeetingState {
  const next: MeetingState = {
    ...INITIAL_STATE,
    phase: 'waiting',
    roomId: state.roomId,
    selfId: participantId,
    room: { id: state.roomId ?? '', name: roomName, locked: false, started_at: 0 },
    media: { ...INITIAL_STATE.media, local: state.media.local, streamsVersion: state.media.streamsVersion },
    notifications: state.notifications,
    seq: state.seq,
  };
  return state.phase === 'joined' ? notify(next, 'sent_back', {}, ctx.now) : next;
}

export function reduceWaitingRoom(state: MeetingState, event: WaitingRoomEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'waiting':
      return applyWaiting(state, event.participant_id, event.room_name, ctx);
    case 'entered': {
      const waiting = [...without(state.waiting, (w) => w.id === event.waiter.id), event.waiter].sort(
        (a, b) => a.waiting_since - b.waiting_since,
      );
      return notify({ ...state, waiting }, 'waiter_entered', { display_name: event.waiter.display_name }, ctx.now);
    }
    case 'removed':
      return { ...state, waiting: without(state.waiting, (w) => w.id === event.participant_id) };
    case 'mode_changed':
      return { ...state, waitingRoomMode: event.mode };
  }
}
