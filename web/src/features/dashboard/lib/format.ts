/** Dates and times for people, in the UI language and the viewer's time zone. */
import { addDays } from './localDate';

/** English "9:30 AM", German "09:30". */
function hourStyle(language: string): 'numeric' | '2-digit' {
  return language.startsWith('en') ? 'numeric' : '2-digit';
}

/** "Monday, 23 November" for a date "YYYY-MM-DD" (the date itself, no zone shift). */
export function formatDay(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "Today", "Tomorrow" or the formatted day. */
export function dayHeading(
  date: string,
  today: string,
  language: string,
  words: { readonly today: string; readonly tomorrow: string },
): string {
  if (date === today) return words.today;
  if (date === addDays(today, 1)) return words.tomorrow;
  return formatDay(date, language);
}

export function formatTime(instant: string | Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: hourStyle(language), minute: '2-digit', timeZone }).format(
    typeof instant === 'string' ? new Date(instant) : instant,
  );
}

/** "Mon, 23 Nov, 09:00" of an instant in a zone. */
export function formatDateTime(instant: string | Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: hourStyle(language),
    minute: '2-digit',
    timeZone,
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** An all-day date "YYYY-MM-DD" as "Mon, 23 Nov". */
export function formatShortDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** Start and end of a timed occurrence in a zone; the end names its day when it is another. */
export function timeRange(
  startUtc: string,
  endUtc: string,
  timeZone: string,
  language: string,
  sameDay: (a: Date, b: Date) => boolean,
): { start: string; end: string } {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  return {
    start: formatTime(start, timeZone, language),
    end: sameDay(start, end) ? formatTime(end, timeZone, language) : formatDateTime(end, timeZone, language),
  };
}
