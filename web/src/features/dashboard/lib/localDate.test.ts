import { describe, expect, it } from 'vitest';
import { addDays, addMinutes, daysBetween, isDate, isTime, nowInZone, splitLocal, weekdayOf } from './localDate';

describe('local dates', () => {
  it('checks dates and times', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('26-01-01')).toBe(false);
    expect(isTime('23:59')).toBe(true);
    expect(isTime('24:00')).toBe(false);
    expect(isTime('9:00')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-22', '2026-12-01')).toBe(9);
  });

  it('names weekdays, Monday first', () => {
    expect(weekdayOf('2026-11-23')).toBe('MO');
    expect(weekdayOf('2026-11-22')).toBe('SU');
  });

  it('adds minutes with a day carry', () => {
    expect(addMinutes('2026-11-22', '23:30', 60)).toEqual({ date: '2026-11-23', time: '00:30' });
    expect(addMinutes('2026-11-22', '09:15', 45)).toEqual({ date: '2026-11-22', time: '10:00' });
  });

  it('splits local strings', () => {
    expect(splitLocal('2026-11-22T09:30:00')).toEqual({ date: '2026-11-22', time: '09:30' });
    expect(splitLocal('2026-11-22')).toEqual({ date: '2026-11-22', time: '' });
  });

  it('rounds now up to the next half hour in the zone', () => {
    expect(nowInZone('Europe/Berlin', new Date('2026-11-22T22:40:00Z'))).toEqual({ date: '2026-11-23', time: '00:00' });
    expect(nowInZone('UTC', new Date('2026-11-22T10:00:00Z'))).toEqual({ date: '2026-11-22', time: '10:00' });
  });
});
