/**
 * Calendar arithmetic on local wall-clock strings as the API uses them ("YYYY-MM-DD" and
 * "YYYY-MM-DDTHH:MM:SS"): no time zone is involved, so everything runs on UTC dates.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function parts(date: string): [number, number, number] | null {
  const match = DATE.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return [year, month, day];
}

/** A real calendar date "YYYY-MM-DD" (no 2026-02-30). */
export function isDate(value: string): boolean {
  return parts(value) !== null;
}

/** "HH:MM", 00:00 to 23:59. */
export function isTime(value: string): boolean {
  return TIME.test(value);
}

function toUtcDate(date: string): Date {
  const p = parts(date);
  if (p === null) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(p[0], p[1] - 1, p[2]));
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcDate(b).getTime() - toUtcDate(a).getTime()) / 86_400_000);
}

export function weekdayOf(date: string): Weekday {
  const index = (toUtcDate(date).getUTCDay() + 6) % 7; // Monday first
  return WEEKDAYS[index] ?? 'MO';
}

/** "2026-11-22T09:30:00" -> { date: "2026-11-22", time: "09:30" }; a bare date has time "". */
export function splitLocal(value: string): { date: string; time: string } {
  const [date = '', rest = ''] = value.split('T');
  return { date, time: rest.slice(0, 5) };
}

export function joinLocal(date: string, time: string): string {
  return `${date}T${time}:00`;
}

/** Compares two local strings of the same form; ISO order is chronological. */
export function compareLocal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Today's date and the next full half hour in the given zone. */
export function nowInZone(timeZone: string, now: Date = new Date()): { date: string; time: string } {
  const rounded = new Date(Math.ceil(now.getTime() / 1_800_000) * 1_800_000);
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    fmt.formatToParts(rounded).find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Adds minutes to a local date + time, carrying into the next day. */
export function addMinutes(date: string, time: string, minutes: number): { date: string; time: string } {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = h * 60 + m + minutes;
  const dayShift = Math.floor(total / 1440);
  const inDay = ((total % 1440) + 1440) % 1440;
  const hh = String(Math.floor(inDay / 60)).padStart(2, '0');
  const mm = String(inDay % 60).padStart(2, '0');
  return { date: addDays(date, dayShift), time: `${hh}:${mm}` };
}
