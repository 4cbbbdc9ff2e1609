/** Searching the people list, durations and initials (pure); sorting is the core's sortParticipants. */

export interface PersonLike {
  readonly display_name: string;
}

/** Lower case without diacritics, so "jose" finds "José" and "muller" finds "Müller". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export function filterPeople<P extends PersonLike>(people: readonly P[], query: string): P[] {
  const q = foldForSearch(query.trim());
  if (q === '') return [...people];
  return people.filter((p) => foldForSearch(p.display_name).includes(q));
}

/** "1:05:09" / "4:07" style duration for speaking times. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Up to two initials for a tile placeholder ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (w: string): string => Array.from(w)[0]?.toLocaleUpperCase() ?? '';
  return letter(first) + (last === undefined ? '' : letter(last));
}
