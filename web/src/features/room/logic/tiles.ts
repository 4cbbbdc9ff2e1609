/** Which tiles the stage shows, in which order, and which one is large (pure). */

export type VideoSource = 'camera' | 'screen';
export type LayoutMode = 'grid' | 'speaker';

export interface TileSpec {
  /** Unique per tile: `<participant id>:<source>`. */
  readonly key: string;
  readonly participantId: string;
  readonly source: VideoSource;
  readonly isSelf: boolean;
}

export function tileKey(participantId: string, source: VideoSource): string {
  return `${participantId}:${source}`;
}

export interface TileParticipant {
  readonly id: string;
  readonly joined_at: number;
  readonly kind: 'user' | 'guest' | 'phone' | 'service';
}

export interface TileInput {
  readonly participants: readonly TileParticipant[];
  readonly selfId: string | null;
  /** Participants currently publishing a screen share, in the order they started. */
  readonly screenSharers: readonly string[];
  readonly pinnedKey: string | null;
}

/**
 * Order: the pinned tile, screen shares, the own camera, everyone else by join time.
 * Service participants (recorders, bots) get no tile.
 */
export function buildTiles(input: TileInput): TileSpec[] {
  const present = new Set(input.participants.map((p) => p.id));
  const screens: TileSpec[] = input.screenSharers
    .filter((id) => present.has(id))
    .map((id) => ({ key: tileKey(id, 'screen'), participantId: id, source: 'screen', isSelf: id === input.selfId }));
  const people = input.participants
    .filter((p) => p.kind !== 'service')
    .slice()
    .sort((a, b) => {
      if (a.id === input.selfId) return -1;
      if (b.id === input.selfId) return 1;
      return a.joined_at - b.joined_at || a.id.localeCompare(b.id);
    });
  const cameras: TileSpec[] = people.map((p) => ({
    key: tileKey(p.id, 'camera'),
    participantId: p.id,
    source: 'camera',
    isSelf: p.id === input.selfId,
  }));
  const all = [...screens, ...cameras];
  const pinnedIndex = input.pinnedKey === null ? -1 : all.findIndex((t) => t.key === input.pinnedKey);
  if (pinnedIndex > 0) {
    const [pinned] = all.splice(pinnedIndex, 1);
    if (pinned !== undefined) all.unshift(pinned);
  }
  return all;
}

export interface MainTileContext {
  readonly pinnedKey: string | null;
  readonly activeSpeakerId: string | null;
  /** The last remote participant who was the active speaker (kept while nobody speaks). */
  readonly lastRemoteSpeakerId: string | null;
}

/**
 * The large tile of speaker view: the pinned tile, else someone else's screen share, else the
 * active remote speaker (or the last one), else the first remote camera, else the own camera.
 */
export function chooseMainTile(tiles: readonly TileSpec[], ctx: MainTileContext): TileSpec | null {
  const byKey = (key: string | null): TileSpec | undefined =>
    key === null ? undefined : tiles.find((t) => t.key === key);
  const camera = (id: string | null): TileSpec | undefined => {
    const tile = id === null ? undefined : byKey(tileKey(id, 'camera'));
    return tile !== undefined && !tile.isSelf ? tile : undefined;
  };
  return (
    byKey(ctx.pinnedKey) ??
    tiles.find((t) => t.source === 'screen' && !t.isSelf) ??
    camera(ctx.activeSpeakerId) ??
    camera(ctx.lastRemoteSpeakerId) ??
    tiles.find((t) => !t.isSelf) ??
    tiles[0] ??
    null
  );
}

/** Screen sharers in `next` that were not sharing in `previous`. */
export function newScreenShares(previous: readonly string[], next: readonly string[]): string[] {
  const before = new Set(previous);
  return next.filter((id) => !before.has(id));
}
