import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n';
import { useElementSize } from '../hooks/useElementSize';
import { clampPage, pageCount, pageItems } from '../logic/pagination';
import type { TileSpec } from '../logic/tiles';
import { Pager } from './Pager';
import { VideoTile } from './VideoTile';

const STRIP_TILE = 168; // px per filmstrip tile including the gap

/** One large tile and a paged filmstrip of the others. */
export function SpeakerView({ main, others }: { readonly main: TileSpec | null; readonly others: readonly TileSpec[] }) {
  const { t } = useI18n();
  const stripRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(stripRef);
  const perPage = Math.max(1, Math.floor((width > 0 ? width : STRIP_TILE * 4) / STRIP_TILE));
  const [page, setPage] = useState(0);
  const current = clampPage(page, others.length, perPage);
  useEffect(() => {
    if (current !== page) setPage(current);
  }, [current, page]);
  const shown = pageItems(others, current, perPage);

  return (
    <div className="speaker-view">
      <div className="speaker-view__main">{main !== null && <VideoTile key={main.key} tile={main} variant="main" />}</div>
      <section className="speaker-view__strip" aria-label={t('room.filmstrip')} hidden={others.length === 0}>
        <div className="speaker-view__tiles" ref={stripRef}>
          {shown.map((tile) => (
            <VideoTile key={tile.key} tile={tile} variant="strip" />
          ))}
        </div>
        <Pager page={current} pages={pageCount(others.length, perPage)} onPage={setPage} label={t('room.pages')} />
      </section>
    </div>
  );
}
