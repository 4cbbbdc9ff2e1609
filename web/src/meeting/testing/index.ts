/**
 * The supported test entry point of the meeting core for UI tests (lobby, room): put the store
 * into a given state and hand it streams, without a server. Test code only; the app imports
 * `../meeting` (index.ts). See README.md, "Testing".
 */
import { clearStreams, setLocalStream, setRemoteStream } from '../media/streams';
import { INITIAL_STATE } from '../store/initial';
import { resetMeetingState, updateMeetingState } from '../store/store';
import type { LocalSource, MediaSource, MeetingState } from '../types';

export { ALICE, BOB, participant, ROOM, SELF, speakerQueue } from './fixtures';

/** The state before any meeting (what `resetMeeting` restores); spread it to build test states. */
export const initialMeetingState: MeetingState = INITIAL_STATE;

/** Replaces the whole meeting state. */
export function setMeetingState(state: MeetingState): void {
  resetMeetingState(state);
}

/** Applies `update` to the current meeting state (as the session's reducers do). */
export function patchMeetingState(update: (state: MeetingState) => MeetingState): void {
  updateMeetingState(update);
}

/** Forgets every stream and puts the store back into its initial state. */
export function resetMeeting(): void {
  clearStreams();
  resetMeetingState(INITIAL_STATE);
}

/** What `useRemoteStream(participantId, source)` returns from now on (null: the stream is gone). */
export function injectRemoteStream(participantId: string, source: MediaSource, stream: MediaStream | null): void {
  setRemoteStream(participantId, source, stream);
}

/** What `useLocalStream(source)` returns from now on (null: the stream is gone). */
export function injectLocalStream(source: LocalSource, stream: MediaStream | null): void {
  setLocalStream(source, stream);
}
