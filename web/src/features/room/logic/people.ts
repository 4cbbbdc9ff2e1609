/** Sorting and searching the people list (pure). */

export const PEOPLE_SORTS = ['name', 'joined', 'hand', 'speaking'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

export function isPeopleSort(value: unknown): value is PeopleSort {
  return typeof value === 'string' && (PEOPLE_SORTS as readonly string[]).includes(value);
}

export interface PersonLike {
  readonly id: string;
  readonly display_name: string;
  readonly joined_at: number;
  readonly hand_raised_at?: number;
}

export interface SortContext {
  /** participant id → total speaking time in ms */
  readonly speakingMs: ReadonlyMap<string, number>;
  readonly locale: string;
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

export function sortPeople<P extends PersonLike>(people: readonly P[], sort: PeopleSort, ctx: SortContext): P[] {
  const collator = new Intl.Collator(ctx.locale, { sensitivity: 'base', numeric: true });
  const byName = (a: P, b: P): number => collator.compare(a.display_name, b.display_name) || a.id.localeCompare(b.id);
  const compare = (a: P, b: P): number => {
    switch (sort) {
      case 'name':
        return byName(a, b);
      case 'joined':
        return a.joined_at - b.joined_at || byName(a, b);
      case 'hand': {
        const ha = a.hand_raised_at;
        const hb = b.hand_raised_at;
        if (ha !== undefined && hb !== undefined) return ha - hb || byName(a, b);
        if (ha !== undefined) return -1;
        if (hb !== undefined) return 1;
        return byName(a, b);
      }
      case 'speaking':
        return (ctx.speakingMs.get(b.id) ?? 0) - (ctx.speakingMs.get(a.id) ?? 0) || byName(a, b);
    }
  };
  return [...people].sort(compare);
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
