/** Everything the dashboard shows, loaded in one go. */
import {
  getEvent,
  listAllInstances,
  listEvents,
  listMyInvites,
  type CalendarInstance,
  type EventInvite,
  type MeetingEvent,
} from '../../api/events';

/** How far ahead the dashboard looks. */
export const DAYS_AHEAD = 30;
const EVENT_PAGE = 100;

export interface DashboardData {
  readonly events: ReadonlyMap<string, MeetingEvent>;
  readonly instances: readonly CalendarInstance[];
  readonly invites: readonly EventInvite[];
  /** More events than one page: some may be missing. */
  readonly truncated: boolean;
}

export async function loadDashboard(signal: AbortSignal, now: Date = new Date()): Promise<DashboardData> {
  const to = new Date(now.getTime() + DAYS_AHEAD * 86_400_000);
  const [eventList, instanceList, inviteList] = await Promise.all([
    listEvents({ limit: EVENT_PAGE }, { signal }),
    listAllInstances(now, to, { signal }),
    listMyInvites({ limit: 100 }, { signal }),
  ]);
  const events = new Map(eventList.events.map((e) => [e.id, e]));
  // Occurrences and invitations of meetings beyond the first page: fetch those one by one.
  const missing = new Set(
    [...instanceList.instances.map((i) => i.event_id), ...inviteList.invites.map((i) => i.event_id)].filter(
      (id) => !events.has(id),
    ),
  );
  const fetched = await Promise.all(
    [...missing].map((id) => getEvent(id, { signal }).catch((error: unknown) => {
      if (signal.aborted) throw error;
      return null;
    })),
  );
  for (const e of fetched) if (e !== null) events.set(e.id, e);
  return {
    events,
    instances: instanceList.instances,
    invites: inviteList.invites,
    truncated: eventList.events.length >= EVENT_PAGE,
  };
}

/** Meetings without a schedule (including "meet now" rooms), newest first as listed. */
export function timeIndependentEvents(data: DashboardData): MeetingEvent[] {
  return [...data.events.values()].filter((e) => e.time_independent);
}
