/**
 * MediaStreams are not serializable, so they live here, outside the immutable state; every change
 * bumps state.media.streamsVersion so that React components re-read them.
 */
import { meetingStore, updateMeetingState } from '../store/store';
import type { LocalSource, MediaSource } from '../types';

const remote = new Map<string, MediaStream>();
const local = new Map<LocalSource, MediaStream>();

function key(participantId: string, source: MediaSource): string {
  return `${participantId}/${source}`;
}

function bump(): void {
  updateMeetingState((s) => ({ ...s, media: { ...s.media, streamsVersion: s.media.streamsVersion + 1 } }));
}

export function setRemoteStream(participantId: string, source: MediaSource, stream: MediaStream | null): void {
  const k = key(participantId, source);
  if (stream === null ? !remote.has(k) : remote.get(k) === stream) return;
  if (stream === null) remote.delete(k);
  else remote.set(k, stream);
  bump();
}

export function getRemoteStream(participantId: string, source: MediaSource): MediaStream | null {
  return remote.get(key(participantId, source)) ?? null;
}

export function setLocalStream(source: LocalSource, stream: MediaStream | null): void {
  if (stream === null ? !local.has(source) : local.get(source) === stream) return;
  if (stream === null) local.delete(source);
  else local.set(source, stream);
  bump();
}

export function getLocalStream(source: LocalSource): MediaStream | null {
  return local.get(source) ?? null;
}

/** Forgets every stream (the session stops local tracks itself). */
export function clearStreams(): void {
  if (remote.size === 0 && local.size === 0) return;
  remote.clear();
  local.clear();
  bump();
}

/**
 * The stream of a remote participant's source (camera, screen, microphone, screen_audio), or null
 * while it is not received. Re-renders when it appears, changes or goes.
 */
export function useRemoteStream(participantId: string, source: MediaSource): MediaStream | null {
  meetingStore((s) => s.media.streamsVersion);
  return getRemoteStream(participantId, source);
}

/** The own camera, microphone or screen stream (for the self-view), or null. */
export function useLocalStream(source: LocalSource): MediaStream | null {
  meetingStore((s) => s.media.streamsVersion);
  return getLocalStream(source);
}
