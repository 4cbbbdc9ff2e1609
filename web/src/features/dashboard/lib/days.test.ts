import { describe, expect, it } from 'vitest';
import { dateInZone, dayOf, schedule, timeZones } from './days';

function item(id: string, startsAt: string, startUtc: string, endUtc: string) {
  return { id, starts_at: startsAt, starts_at_utc: startUtc, ends_at_utc: endUtc };
}

describe('dateInZone', () => {
  it('gives the calendar date in the zone', () => {
    const instant = new Date('2026-11-22T23:30:00Z');
    expect(dateInZone(instant, 'UTC')).toBe('2026-11-22');
    expect(dateInZone(instant, 'Europe/Berlin')).toBe('2026-11-23');
    expect(dateInZone(instant, 'America/New_York')).toBe('2026-11-22');
  });
});

describe('dayOf', () => {
  it('keeps the own date of all-day occurrences', () => {
    expect(dayOf(item('a', '2026-11-24', '2026-11-23T23:00:00Z', '2026-11-24T23:00:00Z'), 'America/New_York')).toBe(
      '2026-11-24',
    );
  });
});

describe('schedule', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it('separates running meetings, drops ended ones and groups the rest by the viewer’s day', () => {
    const items = [
      item('later-tomorrow', '2026-11-23T15:00:00', '2026-11-23T14:00:00Z', '2026-11-23T15:00:00Z'),
      item('ended', '2026-11-22T09:00:00', '2026-11-22T08:00:00Z', '2026-11-22T09:00:00Z'),
      item('running', '2026-11-22T10:30:00', '2026-11-22T09:30:00Z', '2026-11-22T10:30:00Z'),
      item('today', '2026-11-22T13:00:00', '2026-11-22T12:00:00Z', '2026-11-22T13:00:00Z'),
      item('late-utc', '2026-11-23T00:30:00', '2026-11-22T23:30:00Z', '2026-11-23T00:30:00Z'),
      item('tomorrow', '2026-11-23T10:00:00', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z'),
    ];
    const result = schedule(items, now, 'Europe/Berlin');
    expect(result.current.map((i) => i.id)).toEqual(['running']);
    expect(result.upcoming.map((d) => [d.date, d.items.map((i) => i.id)])).toEqual([
      ['2026-11-22', ['today']],
      ['2026-11-23', ['late-utc', 'tomorrow', 'later-tomorrow']],
    ]);
  });

  it('puts the same instant on another day for a viewer elsewhere', () => {
    const items = [item('late-utc', '2026-11-23T00:30:00', '2026-11-22T23:30:00Z', '2026-11-23T00:30:00Z')];
    expect(schedule(items, now, 'UTC').upcoming[0]?.date).toBe('2026-11-22');
  });

  it('counts a meeting ending exactly now as ended and one starting now as running', () => {
    const items = [
      item('ends-now', '2026-11-22T10:00:00', '2026-11-22T09:00:00Z', '2026-11-22T10:00:00Z'),
      item('starts-now', '2026-11-22T11:00:00', '2026-11-22T10:00:00Z', '2026-11-22T11:00:00Z'),
    ];
    const result = schedule(items, now, 'UTC');
    expect(result.current.map((i) => i.id)).toEqual(['starts-now']);
    expect(result.upcoming).toEqual([]);
  });
});

describe('timeZones', () => {
  it('lists IANA zones sorted, with UTC and extra zones', () => {
    const zones = timeZones('Etc/GMT+5');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/GMT+5');
    expect([...zones].sort()).toEqual(zones);
  });
});
