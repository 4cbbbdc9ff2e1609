import type { CalendarInstance, MeetingEvent } from '../../../api/events';
import type { Room } from '../../../api/rooms';

export const ROOM_ID = '22222222-2222-4222-8222-222222222222';

export function room(overrides: Partial<Room> = {}): Room {
  return {
    id: ROOM_ID,
    owner_id: '11111111-1111-4111-8111-111111111111',
    name: '',
    password: null,
    waiting_room: 'off',
    guest_access: 'waiting_room',
    e2ee: false,
    max_participants: 100,
    created_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

export function meeting(overrides: Partial<MeetingEvent> = {}): MeetingEvent {
  return {
    id: 'e-1',
    title: 'Team sync',
    description: '',
    time_independent: false,
    all_day: false,
    adhoc: false,
    starts_at: '2026-11-23T09:00:00',
    ends_at: '2026-11-23T10:00:00',
    time_zone: 'UTC',
    recurrence: null,
    room_id: ROOM_ID,
    room: room(),
    favourite: false,
    can_manage: true,
    created_by: '11111111-1111-4111-8111-111111111111',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

/** An occurrence starting `hoursFromNow` hours from now, one hour long, in UTC. */
export function occurrence(event: MeetingEvent, hoursFromNow: number, overrides: Partial<CalendarInstance> = {}) {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + hoursFromNow * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  const local = (d: Date) => d.toISOString().slice(0, 19);
  return {
    event_id: event.id,
    title: event.title,
    original_start: local(start),
    starts_at: local(start),
    ends_at: local(end),
    starts_at_utc: `${local(start)}Z`,
    ends_at_utc: `${local(end)}Z`,
    moved: false,
    ...overrides,
  } satisfies CalendarInstance;
}
