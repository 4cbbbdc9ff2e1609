/**
 * Puts meeting occurrences on the viewer's calendar: what runs now, and what comes later grouped
 * by day in the viewer's time zone. All-day occurrences keep their own date (the event's local
 * day), whatever the viewer's zone.
 */

export interface TimedItem {
  /** Local start in the event's zone; a date "YYYY-MM-DD" for all-day occurrences. */
  readonly starts_at: string;
  readonly starts_at_utc: string;
  readonly ends_at_utc: string;
}

export interface DayGroup<T> {
  /** "YYYY-MM-DD" in the viewer's zone. */
  readonly date: string;
  readonly items: readonly T[];
}

export interface Schedule<T> {
  /** Started and not yet ended, by start. */
  readonly current: readonly T[];
  /** Not started yet, grouped by day, days and items in order. */
  readonly upcoming: readonly DayGroup<T>[];
}

export function isAllDay(item: { readonly starts_at: string }): boolean {
  return !item.starts_at.includes('T');
}

/** The calendar date of an instant in a time zone, "YYYY-MM-DD". */
export function dateInZone(instant: Date, timeZone: string): string {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const get = (type: Intl.DateTimeFormatPartTypes) => fmt.formatToParts(instant).find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The viewer's day on which an item appears. */
export function dayOf(item: TimedItem, timeZone: string): string {
  return isAllDay(item) ? item.starts_at : dateInZone(new Date(item.starts_at_utc), timeZone);
}

export function schedule<T extends TimedItem>(items: readonly T[], now: Date, timeZone: string): Schedule<T> {
  const nowMs = now.getTime();
  const sorted = [...items].sort((a, b) => Date.parse(a.starts_at_utc) - Date.parse(b.starts_at_utc));
  const current: T[] = [];
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const start = Date.parse(item.starts_at_utc);
    const end = Date.parse(item.ends_at_utc);
    if (end <= nowMs) continue;
    if (start <= nowMs) {
      current.push(item);
      continue;
    }
    const day = dayOf(item, timeZone);
    const list = groups.get(day);
    if (list === undefined) groups.set(day, [item]);
    else list.push(item);
  }
  const upcoming = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, items: list }));
  return { current, upcoming };
}

/** The browser's IANA time zone ("UTC" when it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, always including `extra` (e.g. the event's own zone). */
export function timeZones(...extra: string[]): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, 'UTC', ...extra.filter((z) => z !== '')]);
  return [...all].sort();
}
