/**
 * The zustand store holding the MeetingState. Only the session writes to it (through the pure
 * reducers); the UI reads it with useMeeting(selector).
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { MeetingState } from '../types';
import { INITIAL_STATE } from './initial';

export const meetingStore = create<MeetingState>()(() => INITIAL_STATE);

/**
 * Reads from the meeting state. Results are compared shallowly, so selectors may return new
 * arrays or objects of unchanged items (e.g. a sorted participant list) without re-rendering.
 */
export function useMeeting<T>(selector: (state: MeetingState) => T): T {
  return meetingStore(useShallow(selector));
}

/** The current state outside React (event handlers, tests). */
export function getMeetingState(): MeetingState {
  return meetingStore.getState();
}

/** Applies a pure update: next = update(current). */
export function updateMeetingState(update: (state: MeetingState) => MeetingState): void {
  const current = meetingStore.getState();
  const next = update(current);
  if (next !== current) meetingStore.setState(next, true);
}

export function resetMeetingState(state: MeetingState = INITIAL_STATE): void {
  meetingStore.setState(state, true);
}
