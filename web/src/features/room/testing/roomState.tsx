/**
 * Room test helpers: a joined meeting to render the room with, mocked actions, the room inside the
 * app's providers. Setting the state and injecting streams: meeting/testing.
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi, type Mock } from 'vitest';
import { I18nProvider } from '../../../i18n';
import { actions, type MeetingActions, type MeetingState, type Participant } from '../../../meeting';
import { initialMeetingState, participant, ROOM, SELF } from '../../../meeting/testing';

/** A participant of the meeting fixtures, named after its id ('p-alice': "Alice"). */
export function person(id: string, over: Partial<Participant> = {}): Participant {
  return participant(id, { display_name: id.replace('p-', '').replace(/^./, (c) => c.toUpperCase()), ...over });
}

/** A joined meeting with the given participants (self is added when missing). */
export function joinedState(people: readonly Participant[], over: Partial<MeetingState> = {}): MeetingState {
  const all = people.some((p) => p.id === SELF) ? people : [person(SELF, { joined_at: 5000 }), ...people];
  return {
    ...initialMeetingState,
    phase: 'joined',
    roomId: ROOM,
    selfId: SELF,
    room: { id: ROOM, name: 'Weekly', locked: false, started_at: 1000 },
    participants: Object.fromEntries(all.map((p) => [p.id, p])),
    media: { ...initialMeetingState.media, available: true },
    ...over,
  };
}

/** Replaces every action with a resolved mock; returns the mocks by name. */
export type ActionMocks = { readonly [K in keyof MeetingActions]: Mock<(...args: unknown[]) => Promise<void>> };

export function mockActions(): ActionMocks {
  const mocks: Record<string, Mock<(...args: unknown[]) => Promise<void>>> = {};
  const target = actions as unknown as Record<string, unknown>;
  for (const name of Object.keys(actions)) {
    const fn = vi.fn((..._args: unknown[]) => Promise.resolve());
    mocks[name] = fn;
    // restoreMocks (vitest config) puts the real functions back after each test.
    vi.spyOn(target as Record<string, (...args: unknown[]) => unknown>, name).mockImplementation(fn);
  }
  return mocks as unknown as ActionMocks;
}

export function renderWithI18n(ui: ReactElement) {
  return render(<I18nProvider>{ui}</I18nProvider>);
}

/** jsdom lays nothing out: give every element a size so tiles count as visible. */
export function fakeLayout(width = 320, height = 180): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
    x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height, toJSON: () => ({}),
  } as DOMRect);
}
