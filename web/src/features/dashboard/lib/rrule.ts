/**
 * The recurrence editor's model and its RFC 5545 RRULE value (without "RRULE:"), as the API
 * takes it: FREQ at least DAILY, INTERVAL, BYDAY (plain weekdays), and either COUNT or UNTIL.
 * UNTIL is written as a date ("20261231"), which the server reads as the whole local day.
 * Rules using anything else (BYMONTHDAY, BYSETPOS, numbered BYDAY, ...) are not editable here:
 * parseRrule returns null and the editor keeps such a rule unchanged.
 */
import { isDate, WEEKDAYS, type Weekday } from './localDate';

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** The choices of the "Repeat" field. */
export const REPEAT_OPTIONS = ['none', 'daily', 'weekly', 'monthly', 'yearly', 'custom'] as const;
export type RepeatOption = (typeof REPEAT_OPTIONS)[number];

export const END_OPTIONS = ['never', 'until', 'count'] as const;
export type RecurrenceEnd = (typeof END_OPTIONS)[number];

export const MAX_INTERVAL = 1000;
export const MAX_COUNT = 10000;

export interface RecurrenceRule {
  readonly frequency: Frequency;
  readonly interval: number;
  /** Only for WEEKLY; empty means "the start's weekday". */
  readonly weekdays: readonly Weekday[];
  readonly end: RecurrenceEnd;
  /** "YYYY-MM-DD", inclusive; for end "until". */
  readonly until: string;
  /** For end "count". */
  readonly count: number;
}

const PRESET: { readonly [F in Frequency]: RepeatOption } = {
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  YEARLY: 'yearly',
};

/** Which "Repeat" choice shows a rule: the plain presets repeat every 1 unit. */
export function repeatOptionOf(rule: RecurrenceRule | null): RepeatOption {
  if (rule === null) return 'none';
  return rule.interval === 1 ? PRESET[rule.frequency] : 'custom';
}

function sortedWeekdays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((d) => days.includes(d));
}

export function buildRrule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.frequency}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.frequency === 'WEEKLY' && rule.weekdays.length > 0) {
    parts.push(`BYDAY=${sortedWeekdays(rule.weekdays).join(',')}`);
  }
  if (rule.end === 'count') parts.push(`COUNT=${rule.count}`);
  if (rule.end === 'until') parts.push(`UNTIL=${rule.until.replaceAll('-', '')}`);
  return parts.join(';');
}

function isFrequency(value: string): value is Frequency {
  return (FREQUENCIES as readonly string[]).includes(value);
}

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

function positiveInt(value: string, max: number): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

// UNTIL as a date "20261231" or a date-time "20261231T235959(Z)": the editor keeps the date.
function untilDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (match === null) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isDate(date) ? date : null;
}

/** The editable form of a rule, or null when the rule uses parts this editor does not offer. */
export function parseRrule(text: string): RecurrenceRule | null {
  const value = text.trim().replace(/^RRULE:/i, '');
  if (value === '') return null;
  let frequency: Frequency | null = null;
  let interval = 1;
  let weekdays: Weekday[] = [];
  let end: RecurrenceEnd = 'never';
  let until = '';
  let count = 1;
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const [rawName = '', raw = '', ...extra] = part.split('=');
    const name = rawName.toUpperCase();
    const v = raw.toUpperCase();
    if (extra.length > 0 || seen.has(name)) return null;
    seen.add(name);
    switch (name) {
      case 'FREQ':
        if (!isFrequency(v)) return null;
        frequency = v;
        break;
      case 'INTERVAL': {
        const n = positiveInt(v, MAX_INTERVAL);
        if (n === null) return null;
        interval = n;
        break;
      }
      case 'BYDAY': {
        const days = v.split(',');
        if (!days.every(isWeekday)) return null;
        weekdays = sortedWeekdays(days);
        break;
      }
      case 'COUNT': {
        const n = positiveInt(v, MAX_COUNT);
        if (n === null || end !== 'never') return null;
        end = 'count';
        count = n;
        break;
      }
      case 'UNTIL': {
        const d = untilDate(v);
        if (d === null || end !== 'never') return null;
        end = 'until';
        until = d;
        break;
      }
      case 'WKST':
        if (v !== 'MO') return null;
        break;
      default:
        return null;
    }
  }
  if (frequency === null) return null;
  if (weekdays.length > 0 && frequency !== 'WEEKLY') return null;
  return { frequency, interval, weekdays, end, until, count };
}

/** Problems of a rule the user entered, as message keys per field; empty when it is valid. */
export interface RuleProblems {
  interval?: 'dash.recurrence.error.interval';
  weekdays?: 'dash.recurrence.error.weekdays';
  until?: 'dash.recurrence.error.until' | 'dash.recurrence.error.untilBeforeStart';
  count?: 'dash.recurrence.error.count';
}

export function checkRule(rule: RecurrenceRule, startDate: string): RuleProblems {
  const problems: RuleProblems = {};
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > MAX_INTERVAL) {
    problems.interval = 'dash.recurrence.error.interval';
  }
  if (rule.frequency === 'WEEKLY' && rule.weekdays.length === 0) problems.weekdays = 'dash.recurrence.error.weekdays';
  if (rule.end === 'until') {
    if (!isDate(rule.until)) problems.until = 'dash.recurrence.error.until';
    else if (isDate(startDate) && rule.until < startDate) problems.until = 'dash.recurrence.error.untilBeforeStart';
  }
  if (rule.end === 'count' && (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_COUNT)) {
    problems.count = 'dash.recurrence.error.count';
  }
  return problems;
}
