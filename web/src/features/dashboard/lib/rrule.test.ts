import { describe, expect, it } from 'vitest';
import { buildRrule, checkRule, parseRrule, repeatOptionOf, type RecurrenceRule } from './rrule';

const weekly: RecurrenceRule = { frequency: 'WEEKLY', interval: 1, weekdays: ['MO'], end: 'never', until: '', count: 1 };

describe('buildRrule', () => {
  it('writes the presets without INTERVAL=1', () => {
    expect(buildRrule({ ...weekly, frequency: 'DAILY', weekdays: [] })).toBe('FREQ=DAILY');
    expect(buildRrule({ ...weekly, frequency: 'MONTHLY', weekdays: [] })).toBe('FREQ=MONTHLY');
    expect(buildRrule({ ...weekly, frequency: 'YEARLY', weekdays: [] })).toBe('FREQ=YEARLY');
  });

  it('writes weekdays in calendar order, interval and an end', () => {
    expect(buildRrule({ ...weekly, interval: 2, weekdays: ['FR', 'MO', 'WE'], end: 'count', count: 12 })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=12',
    );
    expect(buildRrule({ ...weekly, end: 'until', until: '2027-03-31' })).toBe('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270331');
  });

  it('leaves weekdays out of other frequencies', () => {
    expect(buildRrule({ ...weekly, frequency: 'DAILY', interval: 3 })).toBe('FREQ=DAILY;INTERVAL=3');
  });
});

describe('parseRrule', () => {
  it('reads what buildRrule writes', () => {
    const rules: RecurrenceRule[] = [
      { ...weekly, interval: 2, weekdays: ['MO', 'WE', 'FR'], end: 'count', count: 12 },
      { ...weekly, frequency: 'DAILY', weekdays: [], end: 'until', until: '2027-01-15' },
      { ...weekly, frequency: 'YEARLY', weekdays: [], interval: 5 },
    ];
    for (const rule of rules) expect(parseRrule(buildRrule(rule))).toEqual(rule);
  });

  it('accepts a "RRULE:" prefix, lower case, UNTIL as a date-time and WKST=MO', () => {
    expect(parseRrule('RRULE:freq=weekly;byday=tu,th;until=20261231T235959Z;wkst=MO')).toEqual({
      frequency: 'WEEKLY',
      interval: 1,
      weekdays: ['TU', 'TH'],
      end: 'until',
      until: '2026-12-31',
      count: 1,
    });
  });

  it('refuses rules the editor cannot show', () => {
    for (const text of [
      '',
      'FREQ=HOURLY',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'FREQ=MONTHLY;BYDAY=2MO',
      'FREQ=DAILY;BYDAY=MO',
      'FREQ=WEEKLY;COUNT=3;UNTIL=20270101',
      'FREQ=WEEKLY;INTERVAL=0',
      'FREQ=WEEKLY;INTERVAL=1001',
      'FREQ=WEEKLY;FREQ=DAILY',
      'FREQ=WEEKLY;UNTIL=20270230',
      'FREQ=WEEKLY;BYSETPOS=1',
      'INTERVAL=2',
    ]) {
      expect(parseRrule(text), text).toBeNull();
    }
  });
});

describe('repeatOptionOf', () => {
  it('names presets and custom intervals', () => {
    expect(repeatOptionOf(null)).toBe('none');
    expect(repeatOptionOf(weekly)).toBe('weekly');
    expect(repeatOptionOf({ ...weekly, frequency: 'MONTHLY' })).toBe('monthly');
    expect(repeatOptionOf({ ...weekly, interval: 2 })).toBe('custom');
  });
});

describe('checkRule', () => {
  it('accepts a valid rule', () => {
    expect(checkRule(weekly, '2026-11-23')).toEqual({});
  });

  it('names each problem', () => {
    expect(checkRule({ ...weekly, weekdays: [] }, '2026-11-23')).toEqual({ weekdays: 'dash.recurrence.error.weekdays' });
    expect(checkRule({ ...weekly, interval: 0 }, '2026-11-23').interval).toBe('dash.recurrence.error.interval');
    expect(checkRule({ ...weekly, end: 'count', count: 0 }, '2026-11-23').count).toBe('dash.recurrence.error.count');
    expect(checkRule({ ...weekly, end: 'until', until: '' }, '2026-11-23').until).toBe('dash.recurrence.error.until');
    expect(checkRule({ ...weekly, end: 'until', until: '2026-11-22' }, '2026-11-23').until).toBe(
      'dash.recurrence.error.untilBeforeStart',
    );
    expect(checkRule({ ...weekly, end: 'until', until: '2026-11-23' }, '2026-11-23')).toEqual({});
  });
});
