/** Grid pagination and tile sizing (pure). */

export const TILES_PER_PAGE_OPTIONS = [6, 9, 16, 25] as const;
export type TilesPerPage = (typeof TILES_PER_PAGE_OPTIONS)[number];
export const DEFAULT_TILES_PER_PAGE: TilesPerPage = 9;

export function isTilesPerPage(value: unknown): value is TilesPerPage {
  return typeof value === 'number' && (TILES_PER_PAGE_OPTIONS as readonly number[]).includes(value);
}

/** Number of pages for `total` tiles; at least one (an empty room still has a page). */
export function pageCount(total: number, perPage: number): number {
  if (perPage <= 0) return 1;
  return Math.max(1, Math.ceil(total / perPage));
}

/** A page index (0-based) that exists, e.g. after participants left. */
export function clampPage(page: number, total: number, perPage: number): number {
  const last = pageCount(total, perPage) - 1;
  if (!Number.isFinite(page) || page < 0) return 0;
  return Math.min(Math.floor(page), last);
}

export function pageItems<T>(items: readonly T[], page: number, perPage: number): T[] {
  const p = clampPage(page, items.length, perPage);
  return items.slice(p * perPage, (p + 1) * perPage);
}

export interface GridShape {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/**
 * The column count that gives `count` tiles of the given aspect ratio the largest size
 * inside a width × height box (with `gap` pixels between tiles).
 */
export function bestGrid(count: number, width: number, height: number, gap = 8, aspect = 16 / 9): GridShape {
  const n = Math.max(1, count);
  let best: GridShape = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns += 1) {
    const rows = Math.ceil(n / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const tileHeight = tileWidth / aspect;
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth, tileHeight };
  }
  if (best.tileWidth === 0) {
    const columns = Math.max(1, Math.round(Math.sqrt(n)));
    return { columns, rows: Math.ceil(n / columns), tileWidth: 0, tileHeight: 0 };
  }
  return best;
}
