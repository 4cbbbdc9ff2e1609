/**
 * The wheel of names as every client draws it (docs/protocol.md, WheelSpin): the candidates as
 * equal segments clockwise from the top, in the server's order; the wheel turns clockwise from
 * angle 0 at `started_at` to `turns` full turns plus the offset that brings the winner's segment
 * centre under the pointer at the top at `stops_at`, easing out (cubic). Angles in degrees,
 * clockwise; all times are the server's clock, so every client shows the same angle.
 */

export interface SpinLike {
  readonly candidates: readonly string[];
  readonly winner: string;
  readonly turns: number;
  readonly started_at: number;
  readonly stops_at: number;
}

export function segmentAngle(count: number): number {
  return 360 / Math.max(1, count);
}

/** The rotation at `stops_at`: full turns plus what puts the winner's segment centre at the top. */
export function finalAngle(spin: SpinLike): number {
  const n = spin.candidates.length;
  const index = Math.max(0, spin.candidates.indexOf(spin.winner));
  const centre = (index + 0.5) * segmentAngle(n);
  return Math.max(0, Math.floor(spin.turns)) * 360 + ((360 - centre) % 360);
}

export function easeOutCubic(progress: number): number {
  const p = Math.min(1, Math.max(0, progress));
  return 1 - (1 - p) ** 3;
}

/** The rotation at server time `now` (0 before the start, the final angle from `stops_at` on). */
export function angleAt(spin: SpinLike, now: number): number {
  const duration = spin.stops_at - spin.started_at;
  const progress = duration <= 0 ? 1 : (now - spin.started_at) / duration;
  return finalAngle(spin) * easeOutCubic(progress);
}

/** Index of the segment under the pointer at the top when the wheel is turned by `angle`. */
export function segmentUnderPointer(angle: number, count: number): number {
  if (count <= 0) return -1;
  // The wheel's point under the pointer is at wheel angle -angle (mod 360).
  const at = (((-angle) % 360) + 360) % 360;
  return Math.min(count - 1, Math.floor(at / segmentAngle(count)));
}

/** A name short enough for a segment: at most `max` characters (code points), else cut with "…". */
export function shortName(name: string, max = 14): string {
  const chars = [...name.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** SVG path of segment `index` of `count` on a wheel of `radius` around (0, 0), clockwise from the top. */
export function segmentPath(index: number, count: number, radius: number): string {
  if (count === 1) return `M 0 ${-radius} A ${radius} ${radius} 0 1 1 0 ${radius} A ${radius} ${radius} 0 1 1 0 ${-radius} Z`;
  const a0 = index * segmentAngle(count);
  const a1 = a0 + segmentAngle(count);
  const [x0, y0] = pointAt(a0, radius);
  const [x1, y1] = pointAt(a1, radius);
  const large = a1 - a0 > 180 ? 1 : 0;
  return `M 0 0 L ${x0} ${y0} A ${radius} ${radius} 0 ${large} 1 ${x1} ${y1} Z`;
}

/** The point at `angle` degrees clockwise from the top, `radius` from the centre (SVG y points down). */
export function pointAt(angle: number, radius: number): [number, number] {
  const r = (angle * Math.PI) / 180;
  return [round(radius * Math.sin(r)), round(-radius * Math.cos(r))];
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000 + 0; // no -0
}
