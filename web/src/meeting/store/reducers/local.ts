/** State changes that come from this device rather than from the server. */
import type {
  EndReason,
  LocalMediaState,
  MeetingState,
  NotificationCode,
  NotificationParams,
  PeerConnectionStatus,
} from '../../types';
import { INITIAL_STATE } from '../initial';
import { notify } from './common';
import { endMeeting } from './control';

/** A new meeting starts (join or resume): everything from a previous one is dropped. */
export function startConnecting(roomId: string, local: LocalMediaState, streamsVersion: number): MeetingState {
  return {
    ...INITIAL_STATE,
    phase: 'connecting',
    roomId,
    media: { ...INITIAL_STATE.media, local, streamsVersion },
  };
}

export function setReconnecting(state: MeetingState): MeetingState {
  if (state.phase !== 'joined' && state.phase !== 'waiting') return state;
  return { ...state, phase: 'reconnecting' };
}

export function setEnded(state: MeetingState, reason: EndReason): MeetingState {
  return endMeeting(state, reason);
}

export function setLocalMedia(state: MeetingState, patch: Partial<LocalMediaState>): MeetingState {
  const local = { ...state.media.local, ...patch };
  const same = (Object.keys(patch) as (keyof LocalMediaState)[]).every((k) => state.media.local[k] === local[k]);
  return same ? state : { ...state, media: { ...state.media, local } };
}

export function setPeerConnectionStatus(
  state: MeetingState,
  connection: 'publish' | 'subscribe',
  status: PeerConnectionStatus,
): MeetingState {
  if (state.media.connection[connection] === status) return state;
  return { ...state, media: { ...state.media, connection: { ...state.media.connection, [connection]: status } } };
}

/** The media session's mapping of received videos (participant/source → subscribe mid). */
export function setVideoMids(state: MeetingState, mids: ReadonlyMap<string, string>): MeetingState {
  const next = Object.fromEntries(mids);
  const prev = state.media.videoMids;
  const keys = Object.keys(next);
  if (keys.length === Object.keys(prev).length && keys.every((k) => prev[k] === next[k])) return state;
  return { ...state, media: { ...state.media, videoMids: next } };
}

/**
 * The media session ended (sent back to the waiting room, meeting over): forget what the server
 * said about its connections (layers, paused videos, estimate).
 */
export function clearMediaAdaptation(state: MeetingState): MeetingState {
  const m = state.media;
  if (Object.keys(m.publishLayers).length === 0 && Object.keys(m.videoMids).length === 0 && m.receiveQuality.pausedMids.length === 0 && m.receiveQuality.estimateKbps === null) {
    return state;
  }
  return { ...state, media: { ...m, publishLayers: {}, videoMids: {}, receiveQuality: INITIAL_STATE.media.receiveQuality } };
}

export function addNotification(state: MeetingState, code: NotificationCode, params: NotificationParams, now: number): MeetingState {
  return notify(state, code, params, now);
}

export function dismissNotification(state: MeetingState, id: number): MeetingState {
  const notifications = state.notifications.filter((n) => n.id !== id);
  return notifications.length === state.notifications.length ? state : { ...state, notifications };
}
