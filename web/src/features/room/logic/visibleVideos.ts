/** The list of videos on screen reported to the meeting core (pure helpers). */

export interface VisibleVideo {
  readonly participantId: string;
  readonly source: 'camera' | 'screen';
  readonly width: number;
  readonly height: number;
  /** `high`: a video the user looks at (pinned, speaker view's large tile, a screen share). */
  readonly priority?: 'high' | 'normal';
}

/** The pinned tile, speaker view's large tile and screen shares keep their quality longest. */
export function tilePriority(source: 'camera' | 'screen', main: boolean, pinned: boolean): 'high' | 'normal' {
  return source === 'screen' || main || pinned ? 'high' : 'normal';
}

/** Sizes are rounded up to a multiple of 16 px so that small resize jitter sends nothing. */
export function quantizeSize(px: number): number {
  if (!Number.isFinite(px) || px <= 0) return 0;
  return Math.ceil(px / 16) * 16;
}

function sortKey(v: VisibleVideo): string {
  return `${v.participantId}:${v.source}`;
}

/**
 * Sorted, one entry per participant and source (the largest size wins; high priority when any
 * of its tiles has it), zero sizes dropped.
 */
export function normalizeVisible(videos: Iterable<VisibleVideo>): VisibleVideo[] {
  const byKey = new Map<string, VisibleVideo>();
  for (const v of videos) {
    const width = quantizeSize(v.width);
    const height = quantizeSize(v.height);
    if (width === 0 || height === 0) continue;
    const key = sortKey(v);
    const prev = byKey.get(key);
    const priority = v.priority === 'high' || prev?.priority === 'high' ? 'high' : 'normal';
    if (prev === undefined || width * height > prev.width * prev.height) {
      byKey.set(key, { participantId: v.participantId, source: v.source, width, height, priority });
    } else {
      byKey.set(key, { ...prev, priority });
    }
  }
  return [...byKey.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

export function sameVisible(a: readonly VisibleVideo[], b: readonly VisibleVideo[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((v, i) => {
    const w = b[i];
    return (
      w !== undefined &&
      v.participantId === w.participantId &&
      v.source === w.source &&
      v.width === w.width &&
      v.height === w.height &&
      (v.priority ?? 'normal') === (w.priority ?? 'normal')
    );
  });
}
