/**
 * Derived views of the MeetingState for the UI. All are pure functions of the state; use them
 * as `useMeeting(selectParticipants)` or `useMeeting((s) => sortParticipants(s, 'name'))`.
 */
import type { LegalVoteTemplate, PollTemplate } from '../../protocol/types';
import type { Conversation, MediaSource, MeetingState, Participant } from '../types';

/**
 * `speaking_time`: spoke most first; `spoke_least`: least first (never spoken first); `spoke_last`:
 * most recently spoken first (never spoken last).
 */
export type ParticipantSort = 'name' | 'join_time' | 'raised_hand' | 'speaking_time' | 'spoke_least' | 'spoke_last';

export function selectSelf(state: MeetingState): Participant | null {
  return state.selfId === null ? null : (state.participants[state.selfId] ?? null);
}

export function isModerator(state: MeetingState, participantId: string | null = state.selfId): boolean {
  if (participantId === null) return false;
  const role = state.participants[participantId]?.role;
  return role === 'owner' || role === 'moderator';
}

export function selectIsModerator(state: MeetingState): boolean {
  return isModerator(state);
}

/** Moderators may always present; others when a moderator allowed it. */
export function mayPresent(state: MeetingState, participantId: string | null = state.selfId): boolean {
  if (participantId === null) return false;
  return isModerator(state, participantId) || state.media.presenters.includes(participantId);
}

/** Whether the own microphone may be switched on (moderators' microphone restriction). */
export function mayUnmute(state: MeetingState, participantId: string | null = state.selfId): boolean {
  if (participantId === null) return false;
  const m = state.moderation;
  return !m.microphone_restriction || isModerator(state, participantId) || m.microphone_allowed.includes(participantId);
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byName(a: Participant, b: Participant): number {
  return collator.compare(a.display_name, b.display_name) || a.id.localeCompare(b.id);
}

function raisedIndex(state: MeetingState): Map<string, number> {
  return new Map(state.hands.raised.map((h, i) => [h.participant_id, i]));
}

/** Everyone in the room (including self), sorted. */
export function sortParticipants(state: MeetingState, sort: ParticipantSort): Participant[] {
  const list = Object.values(state.participants);
  switch (sort) {
    case 'name':
      return list.sort(byName);
    case 'join_time':
      return list.sort((a, b) => a.joined_at - b.joined_at || byName(a, b));
    case 'raised_hand': {
      const raised = raisedIndex(state);
      return list.sort((a, b) => {
        const ra = raised.get(a.id) ?? Infinity;
        const rb = raised.get(b.id) ?? Infinity;
        return ra !== rb ? (ra < rb ? -1 : 1) : byName(a, b);
      });
    }
    case 'speaking_time':
    case 'spoke_least': {
      // Never spoken: -1, so they come last when most comes first and first when least does.
      const t = state.media.speakingTimes;
      const sign = sort === 'speaking_time' ? -1 : 1;
      return list.sort((a, b) => sign * ((t[a.id] ?? -1) - (t[b.id] ?? -1)) || byName(a, b));
    }
    case 'spoke_last': {
      const at = state.media.lastSpokeAt;
      return list.sort((a, b) => (at[b.id] ?? -Infinity) - (at[a.id] ?? -Infinity) || byName(a, b));
    }
  }
}

/** Case-insensitive match on the display name. */
export function filterParticipants(list: readonly Participant[], query: string): Participant[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return [...list];
  return list.filter((p) => p.display_name.toLocaleLowerCase().includes(q));
}

export function selectParticipants(state: MeetingState): Participant[] {
  return sortParticipants(state, 'join_time');
}

export function selectParticipantCount(state: MeetingState): number {
  return Object.keys(state.participants).length;
}

export function selectRaisedHands(state: MeetingState): Participant[] {
  return state.hands.raised.flatMap((h) => {
    const p = state.participants[h.participant_id];
    return p ? [p] : [];
  });
}

export function isHandRaised(state: MeetingState, participantId: string | null = state.selfId): boolean {
  return participantId !== null && state.hands.raised.some((h) => h.participant_id === participantId);
}

/** 1-based position in the raised-hand queue, or null. */
export function handPosition(state: MeetingState, participantId: string): number | null {
  const i = state.hands.raised.findIndex((h) => h.participant_id === participantId);
  return i < 0 ? null : i + 1;
}

export function isPublishing(state: MeetingState, participantId: string, source: MediaSource): boolean {
  return state.media.publications[participantId]?.[source] !== undefined;
}

/** Published and not muted by its owner. */
export function isSending(state: MeetingState, participantId: string, source: MediaSource): boolean {
  const pub = state.media.publications[participantId]?.[source];
  return pub !== undefined && !pub.muted;
}

/** The state's key of a received video (`media.videoMids`). */
export function videoKey(participantId: string, source: 'camera' | 'screen'): string {
  return `${participantId}/${source}`;
}

/**
 * Whether the server paused this received video because the downlink estimate does not fit it
 * (`receive_quality`): the tile should show a placeholder rather than the last frame.
 */
export function isVideoPaused(state: MeetingState, participantId: string, source: 'camera' | 'screen'): boolean {
  const mid = state.media.videoMids[videoKey(participantId, source)];
  return mid !== undefined && state.media.receiveQuality.pausedMids.includes(mid);
}

/** How many received videos are paused for the downlink (mids of videos no longer received do not count). */
export function selectPausedVideoCount(state: MeetingState): number {
  const received = new Set(Object.values(state.media.videoMids));
  return state.media.receiveQuality.pausedMids.filter((mid) => received.has(mid)).length;
}

/** The server's estimate of this device's downlink in kbit/s (null: none yet). */
export function selectDownlinkEstimate(state: MeetingState): number | null {
  return state.media.receiveQuality.estimateKbps;
}

/** Participants sharing their screen, in join order. */
export function selectScreenSharers(state: MeetingState): Participant[] {
  return selectParticipants(state).filter((p) => isPublishing(state, p.id, 'screen'));
}

export function hasGuests(state: MeetingState): boolean {
  return Object.values(state.participants).some((p) => p.kind === 'guest');
}

export function selectConversations(state: MeetingState): Conversation[] {
  const list = Object.values(state.chat.conversations);
  const last = (c: Conversation) => c.messages[c.messages.length - 1]?.id ?? 0;
  return list.sort((a, b) => (a.key === 'everyone' ? -1 : b.key === 'everyone' ? 1 : last(b) - last(a)));
}

export function selectConversation(state: MeetingState, key: string): Conversation | null {
  return state.chat.conversations[key] ?? null;
}

export function selectUnreadTotal(state: MeetingState): number {
  let n = 0;
  for (const c of Object.values(state.chat.conversations)) n += c.unread;
  return n;
}

/** Name of a participant, or of the chat sender when they left. */
export function displayNameOf(state: MeetingState, participantId: string, fallback = ''): string {
  return state.participants[participantId]?.display_name ?? fallback;
}

/** Moderators: the polls prepared on the meeting's event, in their order (null: not loaded yet). */
export function selectPollTemplates(state: MeetingState): readonly PollTemplate[] | null {
  return state.templates.polls;
}

/** Moderators: the votes prepared on the meeting's event, in their order (null: not loaded yet). */
export function selectVoteTemplates(state: MeetingState): readonly LegalVoteTemplate[] | null {
  return state.templates.votes;
}
