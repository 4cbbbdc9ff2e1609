/** Pure helpers of the poll card and the start-poll dialog. */

/** Each count as a whole percentage of the voters (several choices per voter may exceed 100 in sum). */
export function percentages(results: readonly number[], voters: number): number[] {
  return results.map((count) => (voters > 0 ? Math.round((count / voters) * 100) : 0));
}

/** "1:05:09", "4:05", "0:09"; negative durations show as "0:00". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const POLL_TOPIC_MAX = 500;
export const POLL_CHOICE_MAX = 100;
export const POLL_CHOICES_MIN = 2;
export const POLL_CHOICES_MAX = 64;

/** The choices to send: trimmed, blank ones left out; null when the poll cannot start. */
export function pollChoices(topic: string, choices: readonly string[]): string[] | null {
  const kept = choices.map((c) => c.trim()).filter((c) => c !== '');
  if (topic.trim() === '' || kept.length < POLL_CHOICES_MIN || kept.length > POLL_CHOICES_MAX) return null;
  if (new Set(kept).size !== kept.length) return null;
  return kept;
}
