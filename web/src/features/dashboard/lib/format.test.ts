import { describe, expect, it } from 'vitest';
import { dayHeading, formatTime, timeRange } from './format';

const words = { today: 'Today', tomorrow: 'Tomorrow' };

describe('format', () => {
  it('names today and tomorrow, other days in full', () => {
    expect(dayHeading('2026-11-22', '2026-11-22', 'en', words)).toBe('Today');
    expect(dayHeading('2026-11-23', '2026-11-22', 'en', words)).toBe('Tomorrow');
    expect(dayHeading('2026-11-25', '2026-11-22', 'en', words)).toBe('Wednesday, November 25');
    expect(dayHeading('2026-11-25', '2026-11-22', 'de', words)).toBe('Mittwoch, 25. November');
  });

  it('formats times in the given zone and language', () => {
    expect(formatTime('2026-11-22T08:05:00Z', 'Europe/Berlin', 'de')).toBe('09:05');
    expect(formatTime('2026-11-22T14:05:00Z', 'UTC', 'en')).toBe('2:05 PM');
  });

  it('names the end day when an occurrence crosses midnight', () => {
    const same = (a: Date, b: Date) => a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
    expect(timeRange('2026-11-22T09:00:00Z', '2026-11-22T10:00:00Z', 'UTC', 'de', same)).toEqual({
      start: '09:00',
      end: '10:00',
    });
    expect(timeRange('2026-11-22T23:00:00Z', '2026-11-23T01:00:00Z', 'UTC', 'de', same).end).toMatch(/23\. Nov.*01:00/);
  });
});
