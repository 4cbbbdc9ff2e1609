import { useEffect, useState } from 'react';
import { useMeeting } from '../../../meeting';

/** The server's current time (local clock + the core's estimate of the offset), ticking while `active`. */
export function useServerNow(active: boolean, intervalMs = 500): number {
  const offset = useMeeting((s) => s.timer.clockOffsetMs ?? 0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now + offset;
}
