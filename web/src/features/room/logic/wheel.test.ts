import { describe, expect, it } from 'vitest';
import { angleAt, easeOutCubic, finalAngle, pointAt, segmentUnderPointer, shortName, type SpinLike } from './wheel';

function spin(count: number, winnerIndex: number, over: Partial<SpinLike> = {}): SpinLike {
  const candidates = Array.from({ length: count }, (_, i) => `p-${i}`);
  return { candidates, winner: candidates[winnerIndex] ?? '', turns: 5, started_at: 10_000, stops_at: 16_000, ...over };
}

describe('wheel of names', () => {
  it('stops with the winner under the pointer, its segment centre exactly at the top', () => {
    for (const count of [1, 2, 3, 5, 7, 12, 50, 333]) {
      for (const w of [0, Math.floor(count / 2), count - 1]) {
        const s = spin(count, w);
        const end = angleAt(s, s.stops_at);
        expect(segmentUnderPointer(end, count)).toBe(w);
        // The winner's centre (w + 0.5 segments clockwise) turned by the final angle is at 0 mod 360.
        const centre = ((w + 0.5) * 360) / count;
        expect(((centre + end) % 360 + 360) % 360).toBeCloseTo(0, 6);
        expect(end).toBeGreaterThanOrEqual(5 * 360);
        expect(end).toBeLessThan(6 * 360);
      }
    }
  });

  it('starts at 0, never turns back, and stays at the final angle after the stop', () => {
    const s = spin(7, 3);
    expect(angleAt(s, s.started_at - 500)).toBe(0);
    expect(angleAt(s, s.started_at)).toBe(0);
    let last = 0;
    for (let t = s.started_at; t <= s.stops_at; t += 50) {
      const a = angleAt(s, t);
      expect(a).toBeGreaterThanOrEqual(last);
      last = a;
    }
    expect(angleAt(s, s.stops_at + 10_000)).toBe(finalAngle(s));
    // Ease-out: more than half the way after a third of the time.
    expect(angleAt(s, s.started_at + 2_000)).toBeGreaterThan(finalAngle(s) / 2);
  });

  it('a late client computes the same angle as one that watched from the start', () => {
    const s = spin(9, 4);
    expect(angleAt(s, 13_000)).toBe(finalAngle(s) * easeOutCubic(0.5));
  });

  it('knows which segment the pointer shows', () => {
    expect(segmentUnderPointer(0, 4)).toBe(0);
    expect(segmentUnderPointer(-100, 4)).toBe(1); // turned back 100°: the pointer is over 100°
    expect(segmentUnderPointer(90 + 1, 4)).toBe(2); // turned 91° on: the pointer is over 269°
    expect(segmentUnderPointer(720 + 270 - 1, 4)).toBe(1);
  });

  it('shortens long names and places points clockwise from the top', () => {
    expect(shortName('Ada')).toBe('Ada');
    expect(shortName('Bartholomew Featherstonehaugh')).toBe('Bartholomew F…');
    expect([...shortName('Bartholomew Featherstonehaugh')].length).toBe(14);
    expect(pointAt(0, 10)).toEqual([0, -10]);
    expect(pointAt(90, 10)).toEqual([10, 0]);
  });
});
