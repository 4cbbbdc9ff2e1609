import { useEffect, useRef, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { useElementSize } from '../hooks/useElementSize';
import { bestGrid, clampPage, pageCount, pageItems } from '../logic/pagination';
import type { TileSpec } from '../logic/tiles';
import { useRoomUi } from '../state/roomUi';
import { Pager } from './Pager';
import { VideoTile } from './VideoTile';

const GAP = 8;

/** Equal tiles, as large as the space allows, paged by the chosen tiles per page. */
export function GridView({ tiles }: { readonly tiles: readonly TileSpec[] }) {
  const { t } = useI18n();
  const { perPage, page, setPage } = useRoomUi(
    useShallow((s) => ({ perPage: s.tilesPerPage, page: s.page, setPage: s.setPage })),
  );
  const areaRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(areaRef);
  const pages = pageCount(tiles.length, perPage);
  const current = clampPage(page, tiles.length, perPage);
  useEffect(() => {
    if (current !== page) setPage(current);
  }, [current, page, setPage]);

  const shown = pageItems(tiles, current, perPage);
  // Portrait areas (phones) get square tiles, which use the height better than 16:9.
  const aspect = size.height > size.width * 1.2 ? 1 : 16 / 9;
  const shape = bestGrid(shown.length, size.width, size.height, GAP, aspect);
  // Measured: rows of fixed-size tiles, the last row centred. Not measured yet: equal columns.
  const measured = shape.tileWidth > 0;
  const tileWidth = Math.floor(shape.tileWidth);
  const tileHeight = Math.floor(shape.tileHeight);
  const style = measured
    ? ({
        width: `${shape.columns * tileWidth + (shape.columns - 1) * GAP}px`,
        '--tile-width': `${tileWidth}px`,
        '--tile-height': `${tileHeight}px`,
      } as CSSProperties)
    : { gridTemplateColumns: `repeat(${shape.columns}, minmax(0, 1fr))` };

  return (
    <div className="grid-view">
      <div className="grid-view__area" ref={areaRef}>
        <div
          className={`grid-view__tiles${measured ? ' grid-view__tiles--measured' : ''}`}
          style={style}
          data-columns={shape.columns}
        >
          {shown.map((tile) => (
            <VideoTile key={tile.key} tile={tile} variant="grid" />
          ))}
        </div>
      </div>
      <Pager page={current} pages={pages} onPage={setPage} label={t('room.pages')} />
    </div>
  );
}
