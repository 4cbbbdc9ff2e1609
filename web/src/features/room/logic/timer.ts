/** Pure helpers of the timer dialog. */

export const TIMER_MAX_SECONDS = 86_400;

/** Minutes + seconds as whole seconds, or null outside 1 s - 24 h. */
export function timerDuration(minutes: number, seconds: number): number | null {
  if (!Number.isFinite(minutes) || !Number.isFinite(seconds)) return null;
  const total = Math.round(minutes) * 60 + Math.round(seconds);
  return total >= 1 && total <= TIMER_MAX_SECONDS ? total : null;
}
