/**
 * The meeting editor's form state, its checks, and its translation to and from the API's
 * EventInput / Event. Pure functions; the page renders and sends.
 *
 * All-day meetings: the form shows an inclusive end date, the API takes an exclusive one
 * (like iCalendar's DTEND;VALUE=DATE), so one day is added on the way out and removed on the
 * way in.
 */
import type { EventInput, MeetingEvent } from '../../../api/events';
import type { GuestAccess, WaitingRoomMode } from '../../../api/rooms';
import type { PlainMessageKey } from '../../../i18n';
import { addDays, addMinutes, compareLocal, isDate, isTime, joinLocal, splitLocal, weekdayOf } from './localDate';
import { buildRrule, checkRule, parseRrule, type RecurrenceRule, type RepeatOption } from './rrule';

export interface MeetingForm {
  readonly title: string;
  readonly description: string;
  readonly timeIndependent: boolean;
  readonly allDay: boolean;
  readonly startDate: string;
  readonly startTime: string;
  /** Inclusive for all-day meetings. */
  readonly endDate: string;
  readonly endTime: string;
  readonly timeZone: string;
  readonly repeat: RepeatOption;
  /** The rule behind every choice but "none"; for "custom" its frequency and interval are the user's. */
  readonly rule: RecurrenceRule;
  /** A rule of the event this editor cannot show (kept unless the user picks another). */
  readonly keptRrule: string | null;
  readonly password: string;
  readonly waitingRoom: WaitingRoomMode;
  readonly guestAccess: GuestAccess;
}

export type FormField =
  | 'title'
  | 'description'
  | 'startDate'
  | 'startTime'
  | 'endDate'
  | 'endTime'
  | 'timeZone'
  | 'repeat'
  | 'interval'
  | 'weekdays'
  | 'until'
  | 'count'
  | 'password'
  | 'waitingRoom'
  | 'guestAccess';

/** Problems found before sending, as message keys. */
export type FormErrors = Partial<Record<FormField, PlainMessageKey>>;

/** Problems the server named (its English message). */
export type ServerErrors = Partial<Record<FormField, string>>;

export const MAX_TITLE = 200;
export const MAX_PASSWORD = 64;

export function defaultRule(startDate: string): RecurrenceRule {
  return {
    frequency: 'WEEKLY',
    interval: 1,
    weekdays: isDate(startDate) ? [weekdayOf(startDate)] : [],
    end: 'never',
    until: '',
    count: 10,
  };
}

/** A new meeting: the next half hour for one hour, in the viewer's zone. */
export function newMeetingForm(timeZone: string, start: { date: string; time: string }): MeetingForm {
  const end = addMinutes(start.date, start.time, 60);
  return {
    title: '',
    description: '',
    timeIndependent: false,
    allDay: false,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    timeZone,
    repeat: 'none',
    rule: defaultRule(start.date),
    keptRrule: null,
    password: '',
    waitingRoom: 'off',
    guestAccess: 'waiting_room',
  };
}

/** The "Repeat" field changed: presets repeat every 1 unit; "custom" keeps the interval. */
export function withRepeat(form: MeetingForm, repeat: RepeatOption): MeetingForm {
  const frequencies = { daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', yearly: 'YEARLY' } as const;
  if (repeat === 'none') return { ...form, repeat, keptRrule: null };
  // Days not chosen yet (the meeting did not repeat, or none ticked): the start's weekday.
  const fresh = form.repeat === 'none' || form.keptRrule !== null || form.rule.weekdays.length === 0;
  const rule = fresh && isDate(form.startDate) ? { ...form.rule, weekdays: [weekdayOf(form.startDate)] } : form.rule;
  if (repeat === 'custom') {
    return { ...form, repeat, keptRrule: null, rule: { ...rule, interval: Math.max(rule.interval, 2) } };
  }
  return { ...form, repeat, keptRrule: null, rule: { ...rule, frequency: frequencies[repeat], interval: 1 } };
}

function roomFields(event: MeetingEvent): Pick<MeetingForm, 'password' | 'waitingRoom' | 'guestAccess'> {
  const room = event.room;
  if ('owner_id' in room) {
    return { password: room.password ?? '', waitingRoom: room.waiting_room, guestAccess: room.guest_access };
  }
  return { password: '', waitingRoom: 'off', guestAccess: 'waiting_room' };
}

/** The form for an existing meeting (the whole series). */
export function formFromEvent(event: MeetingEvent, fallbackZone: string, fallbackStart: { date: string; time: string }) {
  const base = newMeetingForm(event.time_zone ?? fallbackZone, fallbackStart);
  const room = roomFields(event);
  const common = { ...base, ...room, title: event.title, description: event.description };
  if (event.time_independent || event.starts_at === null || event.ends_at === null) {
    return { ...common, timeIndependent: true };
  }
  const start = splitLocal(event.starts_at);
  const end = splitLocal(event.ends_at);
  const endDate = event.all_day && isDate(end.date) ? addDays(end.date, -1) : end.date;
  const rrule = event.recurrence?.rrule ?? '';
  const rule = rrule === '' ? null : parseRrule(rrule);
  const form: MeetingForm = {
    ...common,
    timeIndependent: false,
    allDay: event.all_day,
    startDate: start.date,
    startTime: event.all_day ? base.startTime : start.time,
    endDate,
    endTime: event.all_day ? base.endTime : end.time,
    rule: rule ?? defaultRule(start.date),
    repeat: 'none',
    keptRrule: rrule !== '' && rule === null ? rrule : null,
  };
  if (rule === null) return { ...form, repeat: rrule !== '' ? 'custom' : 'none' } satisfies MeetingForm;
  const preset = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' } as const;
  return { ...form, repeat: rule.interval === 1 ? preset[rule.frequency] : 'custom' } satisfies MeetingForm;
}

/** Field problems of the form before sending; empty when it may be sent. */
export function validateForm(form: MeetingForm): FormErrors {
  const errors: FormErrors = {};
  const title = form.title.trim();
  if (title === '') errors.title = 'dash.editor.error.titleRequired';
  else if ([...title].length > MAX_TITLE) errors.title = 'dash.editor.error.titleTooLong';
  if ([...form.password].length > MAX_PASSWORD) errors.password = 'dash.editor.error.passwordTooLong';
  if (form.timeIndependent) return errors;
  if (!isDate(form.startDate)) errors.startDate = 'dash.editor.error.date';
  if (!isDate(form.endDate)) errors.endDate = 'dash.editor.error.date';
  if (!form.allDay) {
    if (!isTime(form.startTime)) errors.startTime = 'dash.editor.error.time';
    if (!isTime(form.endTime)) errors.endTime = 'dash.editor.error.time';
  }
  if (form.timeZone.trim() === '') errors.timeZone = 'dash.editor.error.timeZone';
  if (errors.startDate === undefined && errors.endDate === undefined) {
    if (form.allDay) {
      if (form.endDate < form.startDate) errors.endDate = 'dash.editor.error.endBeforeStart';
    } else if (errors.startTime === undefined && errors.endTime === undefined) {
      const start = joinLocal(form.startDate, form.startTime);
      const end = joinLocal(form.endDate, form.endTime);
      if (compareLocal(end, start) <= 0) errors.endTime = 'dash.editor.error.endBeforeStart';
    }
  }
  if (form.repeat !== 'none' && form.keptRrule === null) {
    const problems = checkRule(form.rule, form.startDate);
    Object.assign(errors, problems);
  }
  return errors;
}

export function startsAt(form: MeetingForm): string {
  return form.allDay ? form.startDate : joinLocal(form.startDate, form.startTime);
}

export function endsAt(form: MeetingForm): string {
  return form.allDay ? addDays(form.endDate, 1) : joinLocal(form.endDate, form.endTime);
}

export function rruleOf(form: MeetingForm): string | null {
  if (form.repeat === 'none') return null;
  if (form.keptRrule !== null) return form.keptRrule;
  return buildRrule(form.rule);
}

/**
 * The request body. `existing` is the event being edited: its extra dates (RDATE/EXDATE) are
 * kept, and turning recurrence off sends `recurrence: null`.
 */
export function toEventInput(form: MeetingForm, existing: MeetingEvent | null = null): EventInput {
  const room = {
    password: form.password === '' ? null : form.password,
    waiting_room: form.waitingRoom,
    guest_access: form.guestAccess,
  };
  const base: EventInput = { title: form.title.trim(), description: form.description, room };
  if (form.timeIndependent) return { ...base, time_independent: true };
  const rrule = rruleOf(form);
  const input: EventInput = {
    ...base,
    time_independent: false,
    all_day: form.allDay,
    starts_at: startsAt(form),
    ends_at: endsAt(form),
    time_zone: form.timeZone,
  };
  if (rrule !== null) {
    const previous = existing?.recurrence;
    // Extra and excluded dates belong to the old start's form (date vs date-time): keep them only
    // while the meeting stays all-day or timed.
    const sameKind = existing !== null && existing.all_day === form.allDay;
    return {
      ...input,
      recurrence: {
        rrule,
        rdates: sameKind ? (previous?.rdates ?? []) : [],
        exdates: sameKind ? (previous?.exdates ?? []) : [],
      },
    };
  }
  return existing !== null && existing.recurrence !== null ? { ...input, recurrence: null } : input;
}

/** Server field names (422 `invalid_argument`) to the form field that shows the message. */
export function formFieldOf(serverField: string | undefined, form: MeetingForm): FormField | null {
  if (serverField === undefined) return null;
  const direct: Readonly<Record<string, FormField>> = {
    title: 'title',
    description: 'description',
    starts_at: 'startDate',
    ends_at: form.allDay ? 'endDate' : 'endTime',
    time_zone: 'timeZone',
    time_independent: 'startDate',
    'room.password': 'password',
    'room.waiting_room': 'waitingRoom',
    'room.guest_access': 'guestAccess',
  };
  const hit = direct[serverField];
  if (hit !== undefined) return hit;
  if (serverField.startsWith('recurrence')) return 'repeat';
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A plausible e-mail address (the server checks it properly). */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value.trim());
}
