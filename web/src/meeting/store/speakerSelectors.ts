/** Derived views of the speaker queue (`state.speakers`) for the UI; pure like selectors.ts. */
import type { MeetingState, SpeakerQueue } from '../types';

export interface QueuedSpeaker {
  readonly id: string;
  /** '' when the participant left (only possible in `done`). */
  readonly name: string;
}

export function selectSpeakerQueue(state: MeetingState): SpeakerQueue | null {
  return state.speakers.queue;
}

/** Who has the word (null: nobody, e.g. before the first `next` or while the wheel turns). */
export function currentSpeakerId(state: MeetingState): string | null {
  return state.speakers.queue?.current?.participant_id ?? null;
}

export function isCurrentSpeaker(state: MeetingState, participantId: string | null = state.selfId): boolean {
  return participantId !== null && currentSpeakerId(state) === participantId;
}

/**
 * The ids with their names. For React, select `queue` and `participants` (stable references) and
 * call this in the component: the objects are new on every call.
 */
export function namedSpeakers(participants: MeetingState['participants'], ids: readonly string[]): QueuedSpeaker[] {
  return ids.map((id) => ({ id, name: participants[id]?.display_name ?? '' }));
}

/** Still to speak, in list order, with names. */
export function upcomingSpeakers(state: MeetingState): QueuedSpeaker[] {
  return namedSpeakers(state.participants, state.speakers.queue?.upcoming ?? []);
}

/** Have had their turn, in the order they spoke. */
export function doneSpeakers(state: MeetingState): QueuedSpeaker[] {
  return namedSpeakers(state.participants, state.speakers.queue?.done ?? []);
}

/** 1-based place in the upcoming list, or null. */
export function speakerPosition(state: MeetingState, participantId: string | null = state.selfId): number | null {
  const i = participantId === null ? -1 : (state.speakers.queue?.upcoming.indexOf(participantId) ?? -1);
  return i < 0 ? null : i + 1;
}

/** Time left of the current turn at the server time `serverNow` (ms, may be negative); null without a limit. */
export function speakerTimeLeft(state: MeetingState, serverNow: number): number | null {
  const endsAt = state.speakers.queue?.current?.ends_at;
  return endsAt === undefined ? null : endsAt - serverNow;
}

/** The server said the current speaker's time is up (`time_up`). */
export function isSpeakerTimeUp(state: MeetingState): boolean {
  const turn = state.speakers.queue?.current;
  const up = state.speakers.timeUp;
  return turn !== undefined && up !== null && up.participantId === turn.participant_id && up.turnStartedAt === turn.started_at;
}

/** The wheel of names turns right now (moderators cannot call `next` meanwhile). */
export function isWheelSpinning(state: MeetingState): boolean {
  return state.speakers.queue?.spin !== undefined;
}

/** Participants a moderator may add to the upcoming list: everyone admitted who is not upcoming or speaking, in name order. */
export function addableSpeakers(state: MeetingState): QueuedSpeaker[] {
  return addableFrom(state.participants, state.speakers.queue);
}

/** addableSpeakers from the parts (for React: select both, then call this). */
export function addableFrom(participants: MeetingState['participants'], queue: SpeakerQueue | null): QueuedSpeaker[] {
  if (queue === null) return [];
  const upcoming = new Set(queue.upcoming);
  return Object.values(participants)
    .filter((p) => p.kind !== 'service' && p.kind !== 'phone' && !upcoming.has(p.id) && queue.current?.participant_id !== p.id)
    .map((p) => ({ id: p.id, name: p.display_name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
