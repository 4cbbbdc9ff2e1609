import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { selectParticipants, selectScreenSharers, useMeeting } from '../../../meeting';
import { buildTiles, chooseMainTile, newScreenShares } from '../logic/tiles';
import { useRoomUi } from '../state/roomUi';
import { GridView } from './GridView';
import { ReactionFeed } from './ReactionFeed';
import { SpeakerView } from './SpeakerView';

/** The videos: grid or speaker view; switches to speaker view when someone starts sharing. */
export function Stage() {
  const { t } = useI18n();
  const participants = useMeeting(selectParticipants);
  const selfId = useMeeting((s) => s.selfId);
  const sharers = useMeeting((s) => selectScreenSharers(s).map((p) => p.id));
  const activeSpeaker = useMeeting((s) => s.media.activeSpeaker);
  const { layout, pinnedKey, setLayout } = useRoomUi(
    useShallow((s) => ({ layout: s.layout, pinnedKey: s.pinnedKey, setLayout: s.setLayout })),
  );

  const [lastRemoteSpeaker, setLastRemoteSpeaker] = useState<string | null>(null);
  useEffect(() => {
    if (activeSpeaker !== null && activeSpeaker !== selfId) setLastRemoteSpeaker(activeSpeaker);
  }, [activeSpeaker, selfId]);

  // A screen share by someone else is shown large: when it starts, and when the room opens
  // while one is running.
  const previousSharers = useRef<readonly string[]>([]);
  useEffect(() => {
    const started = newScreenShares(previousSharers.current, sharers).filter((id) => id !== selfId);
    previousSharers.current = sharers;
    if (started.length > 0) setLayout('speaker');
  }, [sharers, selfId, setLayout]);

  const tiles = useMemo(
    () => buildTiles({ participants, selfId, screenSharers: sharers, pinnedKey }),
    [participants, selfId, sharers, pinnedKey],
  );
  const main = layout === 'speaker' ? chooseMainTile(tiles, { pinnedKey, activeSpeakerId: activeSpeaker, lastRemoteSpeakerId: lastRemoteSpeaker }) : null;
  const alone = participants.filter((p) => p.kind !== 'service').length <= 1;

  return (
    <main className="stage" aria-label={t('room.stage')} data-layout={layout}>
      {layout === 'grid' ? (
        <GridView tiles={tiles} />
      ) : (
        <SpeakerView main={main} others={tiles.filter((tile) => tile.key !== main?.key)} />
      )}
      {alone && <p className="stage__alone">{t('room.alone')}</p>}
      <ReactionFeed />
    </main>
  );
}
