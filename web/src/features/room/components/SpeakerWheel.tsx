import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n';
import { useMeeting, type WheelSpin } from '../../../meeting';
import { usePrefersReducedMotion } from '../hooks/usePrefersReducedMotion';
import { angleAt, finalAngle, pointAt, segmentAngle, segmentPath, segmentUnderPointer, shortName } from '../logic/wheel';

const RADIUS = 96;
/** Above this many candidates the segments are too thin for names. */
const MAX_LABELLED = 40;

/** Neighbouring segments never share a colour: two colours alternate, three for odd counts. */
function fillOf(index: number, count: number): string {
  const palette = count % 2 === 0 || count === 1 ? ['accent', 'surface'] : ['accent', 'surface', 'bg'];
  // With three colours the last segment would repeat the first when count % 3 === 1.
  const colour = index === count - 1 && palette.length === 3 && count % 3 === 1 ? 'surface' : palette[index % palette.length];
  return `speaker-wheel__segment--${colour}`;
}

/**
 * The wheel of names (logic/wheel.ts): candidates as equal segments clockwise, a fixed pointer at
 * the top, turning from `started_at` to `stops_at` by the server's clock, so a page loaded late
 * starts at the elapsed point. With reduced motion it shows the result at once. Once it stands,
 * `data-winner` holds the participant id under the pointer and the name is shown.
 */
export function SpeakerWheel({ spin }: { readonly spin: WheelSpin }) {
  const { t } = useI18n();
  const offset = useMeeting((s) => s.timer.clockOffsetMs ?? 0);
  const names = useMeeting((s) => spin.candidates.map((id) => s.participants[id]?.display_name ?? ''));
  const reduced = usePrefersReducedMotion();
  const rotor = useRef<SVGGElement | null>(null);
  const [settled, setSettled] = useState(() => Date.now() + offset >= spin.stops_at);
  const count = spin.candidates.length;

  useEffect(() => {
    const serverNow = () => Date.now() + offset;
    const draw = (angle: number) => rotor.current?.setAttribute('transform', `rotate(${angle.toFixed(3)})`);
    let frame = 0;
    const tick = () => {
      const now = serverNow();
      draw(angleAt(spin, now));
      if (now < spin.stops_at) frame = requestAnimationFrame(tick);
      else setSettled(true);
    };
    setSettled(serverNow() >= spin.stops_at);
    if (reduced) draw(finalAngle(spin));
    else tick();
    // Animation frames pause in hidden tabs: the result still lands on time.
    const stop = setTimeout(() => {
      draw(finalAngle(spin));
      setSettled(true);
    }, Math.max(0, spin.stops_at - serverNow()) + 30);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(stop);
    };
  }, [spin, offset, reduced]);

  const shownIndex = segmentUnderPointer(finalAngle(spin), count);
  const winner = settled ? (spin.candidates[shownIndex] ?? null) : null;
  const winnerName = winner === null ? '' : names[shownIndex] || t('room.unnamed');
  const step = segmentAngle(count);
  return (
    <figure className="speaker-wheel" data-testid="speaker-wheel" data-spin-id={spin.id} data-winner={winner ?? undefined} data-settled={settled}>
      <svg viewBox="-100 -106 200 206" className="speaker-wheel__svg" role="img" aria-label={t('speakers.wheel')}>
        <g ref={rotor} transform={`rotate(${(reduced || settled ? finalAngle(spin) : angleAt(spin, Date.now() + offset)).toFixed(3)})`}>
          {spin.candidates.map((id, i) => (
            <path key={id} d={segmentPath(i, count, RADIUS)} className={`speaker-wheel__segment ${fillOf(i, count)}`} />
          ))}
          {count <= MAX_LABELLED &&
            spin.candidates.map((id, i) => {
              const mid = (i + 0.5) * step;
              const [x, y] = pointAt(mid, RADIUS * 0.58);
              return (
                <text
                  key={id}
                  x={x}
                  y={y}
                  className={`speaker-wheel__label ${fillOf(i, count)}`}
                  transform={`rotate(${(mid - 90 + (mid > 180 ? 180 : 0)).toFixed(3)} ${x} ${y})`}
                  fontSize={count > 16 ? 7 : 10}
                >
                  {shortName(names[i] || '?', count > 16 ? 10 : 14)}
                </text>
              );
            })}
        </g>
        <circle r={8} className="speaker-wheel__hub" />
        <path d="M -9 -106 L 9 -106 L 0 -88 Z" className="speaker-wheel__pointer" />
      </svg>
      <figcaption className="speaker-wheel__result" data-testid="wheel-winner">
        {/* While it turns the card's head says so; the space stays so nothing jumps at the stop. */}
        {winner === null ? '\u00a0' : t('speakers.wheel.result', { name: winnerName })}
      </figcaption>
    </figure>
  );
}
