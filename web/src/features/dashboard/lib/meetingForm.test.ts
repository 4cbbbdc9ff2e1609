import { describe, expect, it } from 'vitest';
import type { MeetingEvent } from '../../../api/events';
import { formFieldOf, formFromEvent, newMeetingForm, toEventInput, validateForm, withRepeat } from './meetingForm';

const START = { date: '2026-11-23', time: '09:00' };

function event(overrides: Partial<MeetingEvent> = {}): MeetingEvent {
  return {
    id: 'e1',
    title: 'Weekly sync',
    description: 'Notes',
    time_independent: false,
    all_day: false,
    adhoc: false,
    starts_at: '2026-11-23T09:00:00',
    ends_at: '2026-11-23T09:30:00',
    time_zone: 'Europe/Berlin',
    recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', rdates: [], exdates: ['2026-12-28T09:00:00'] },
    room_id: 'r1',
    room: {
      id: 'r1',
      owner_id: 'u1',
      name: '',
      password: 'secret',
      waiting_room: 'guests',
      guest_access: 'direct',
      e2ee: false,
      max_participants: 100,
      created_at: '2026-11-01T00:00:00Z',
    },
    favourite: false,
    can_manage: true,
    created_by: 'u1',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

describe('new meeting form', () => {
  it('lasts one hour from the given start and sends a timed meeting without recurrence', () => {
    const form = { ...newMeetingForm('Europe/Berlin', { date: '2026-11-22', time: '23:30' }), title: ' Plan ' };
    expect(form.endDate).toBe('2026-11-23');
    expect(form.endTime).toBe('00:30');
    expect(validateForm(form)).toEqual({});
    expect(toEventInput(form)).toEqual({
      title: 'Plan',
      description: '',
      time_independent: false,
      all_day: false,
      starts_at: '2026-11-22T23:30:00',
      ends_at: '2026-11-23T00:30:00',
      time_zone: 'Europe/Berlin',
      room: { password: null, waiting_room: 'off', guest_access: 'waiting_room' },
    });
  });

  it('sends all-day meetings with an exclusive end date', () => {
    const form = { ...newMeetingForm('UTC', START), title: 'Offsite', allDay: true, endDate: '2026-11-24' };
    const input = toEventInput(form);
    expect(input.starts_at).toBe('2026-11-23');
    expect(input.ends_at).toBe('2026-11-25');
  });

  it('sends time-independent meetings without dates', () => {
    const form = { ...newMeetingForm('UTC', START), title: 'Team room', timeIndependent: true, startDate: '' };
    expect(validateForm(form)).toEqual({});
    expect(toEventInput(form)).toEqual({
      title: 'Team room',
      description: '',
      time_independent: true,
      room: { password: null, waiting_room: 'off', guest_access: 'waiting_room' },
    });
  });

  it('builds the recurrence rule from the repeat choice', () => {
    let form = { ...newMeetingForm('UTC', START), title: 'x' };
    form = withRepeat(form, 'weekly');
    expect(form.rule.weekdays).toEqual(['MO']);
    expect(toEventInput(form).recurrence).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=MO', rdates: [], exdates: [] });
    form = withRepeat(form, 'custom');
    expect(toEventInput(form).recurrence?.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
    form = withRepeat(form, 'monthly');
    expect(toEventInput(form).recurrence?.rrule).toBe('FREQ=MONTHLY');
  });
});

describe('validateForm', () => {
  const base = { ...newMeetingForm('UTC', START), title: 'x' };

  it('wants a title', () => {
    expect(validateForm({ ...base, title: '  ' }).title).toBe('dash.editor.error.titleRequired');
    expect(validateForm({ ...base, title: 'a'.repeat(201) }).title).toBe('dash.editor.error.titleTooLong');
  });

  it('wants the end after the start', () => {
    expect(validateForm({ ...base, endTime: '09:00' }).endTime).toBe('dash.editor.error.endBeforeStart');
    expect(validateForm({ ...base, endDate: '2026-11-22', endTime: '10:00' }).endTime).toBe(
      'dash.editor.error.endBeforeStart',
    );
    expect(validateForm({ ...base, allDay: true, endDate: '2026-11-23' })).toEqual({});
    expect(validateForm({ ...base, allDay: true, endDate: '2026-11-22' }).endDate).toBe(
      'dash.editor.error.endBeforeStart',
    );
  });

  it('wants real dates, times and a zone', () => {
    const errors = validateForm({ ...base, startDate: '2026-02-30', startTime: '', timeZone: '' });
    expect(errors.startDate).toBe('dash.editor.error.date');
    expect(errors.startTime).toBe('dash.editor.error.time');
    expect(errors.timeZone).toBe('dash.editor.error.timeZone');
  });

  it('checks the rule only when the meeting repeats', () => {
    const rule = { ...base.rule, weekdays: [] };
    expect(validateForm({ ...base, rule })).toEqual({});
    expect(validateForm({ ...base, repeat: 'weekly', rule }).weekdays).toBe('dash.recurrence.error.weekdays');
  });
});

describe('editing an event', () => {
  it('fills the form from the event', () => {
    const form = formFromEvent(event(), 'UTC', START);
    expect(form).toMatchObject({
      title: 'Weekly sync',
      startDate: '2026-11-23',
      startTime: '09:00',
      endTime: '09:30',
      timeZone: 'Europe/Berlin',
      repeat: 'weekly',
      password: 'secret',
      waitingRoom: 'guests',
      guestAccess: 'direct',
      keptRrule: null,
    });
    expect(form.rule.weekdays).toEqual(['MO', 'WE']);
  });

  it('keeps excluded dates and sends the same rule back', () => {
    const e = event();
    const input = toEventInput(formFromEvent(e, 'UTC', START), e);
    expect(input.recurrence).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', rdates: [], exdates: ['2026-12-28T09:00:00'] });
  });

  it('ends recurrence with null', () => {
    const e = event();
    const form = withRepeat(formFromEvent(e, 'UTC', START), 'none');
    expect(toEventInput(form, e).recurrence).toBeNull();
  });

  it('keeps a rule it cannot show', () => {
    const e = event({ recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=2TU', rdates: [], exdates: [] } });
    const form = formFromEvent(e, 'UTC', START);
    expect(form.keptRrule).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(form.repeat).toBe('custom');
    expect(toEventInput(form, e).recurrence?.rrule).toBe('FREQ=MONTHLY;BYDAY=2TU');
  });

  it('shows the inclusive end of an all-day event', () => {
    const e = event({ all_day: true, starts_at: '2026-11-23', ends_at: '2026-11-25', recurrence: null });
    const form = formFromEvent(e, 'UTC', START);
    expect(form.endDate).toBe('2026-11-24');
    expect(toEventInput(form, e).ends_at).toBe('2026-11-25');
    expect(toEventInput(form, e)).not.toHaveProperty('recurrence');
  });

  it('reads a time-independent event and an invitee’s view of the room', () => {
    const e = event({
      time_independent: true,
      starts_at: null,
      ends_at: null,
      time_zone: null,
      recurrence: null,
      room: { id: 'r1', password_required: true },
    });
    const form = formFromEvent(e, 'UTC', START);
    expect(form.timeIndependent).toBe(true);
    expect(form.password).toBe('');
  });
});

describe('formFieldOf', () => {
  it('maps the server’s field names', () => {
    const form = newMeetingForm('UTC', START);
    expect(formFieldOf('title', form)).toBe('title');
    expect(formFieldOf('ends_at', form)).toBe('endTime');
    expect(formFieldOf('ends_at', { ...form, allDay: true })).toBe('endDate');
    expect(formFieldOf('recurrence.rrule', form)).toBe('repeat');
    expect(formFieldOf('room.password', form)).toBe('password');
    expect(formFieldOf('something', form)).toBeNull();
    expect(formFieldOf(undefined, form)).toBeNull();
  });
});
