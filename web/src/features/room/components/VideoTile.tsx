import { Hand, MicOff, Pin, VideoOff, WifiOff } from 'lucide-react';
import { useRef } from 'react';
import { ToggleButton } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { isHandRaised, isSending, isVideoPaused, useLocalStream, useMeeting, useRemoteStream } from '../../../meeting';
import { useSrcObject } from '../hooks/useSrcObject';
import { useVideoLive } from '../hooks/useVideoLive';
import { useVisibleVideo } from '../hooks/visibleVideos';
import { initials } from '../logic/people';
import { tilePriority } from '../logic/visibleVideos';
import type { TileSpec } from '../logic/tiles';
import { useRoomUi } from '../state/roomUi';
import { LabelledIcon } from './Icon';
import { emojiOf } from './reactions';

export type TileVariant = 'grid' | 'main' | 'strip';

/**
 * One participant's camera or screen: the video when it delivers frames, otherwise the initials
 * (with "Video paused – connection too slow" when the server paused it for this device's
 * downlink); name, microphone state, raised hand, speaking highlight, pin button, recent reactions.
 */
export function VideoTile({ tile, variant }: { readonly tile: TileSpec; readonly variant: TileVariant }) {
  const { t } = useI18n();
  const { participantId: id, source, isSelf } = tile;
  const name = useMeeting((s) => s.participants[id]?.display_name ?? '');
  const state = useMeeting((s) => ({
    micOff: isSelf ? !s.media.local.microphone : !isSending(s, id, 'microphone'),
    videoOn: isSelf ? (source === 'camera' ? s.media.local.camera : s.media.local.screen) : isSending(s, id, source),
    speaking: s.media.activeSpeaker === id,
    hand: isHandRaised(s, id),
    disconnected: (s.participants[id]?.devices ?? 1) === 0,
    // The server stopped forwarding it because the downlink is too slow: its last frame would freeze.
    paused: !isSelf && isVideoPaused(s, id, source),
  }));
  const reactions = useMeeting((s) => s.reactions.recent.filter((r) => r.participantId === id));
  const pinned = useRoomUi((s) => s.pinnedKey === tile.key);
  const togglePin = useRoomUi((s) => s.togglePin);

  const remoteStream = useRemoteStream(id, source);
  const localStream = useLocalStream(source === 'screen' ? 'screen' : 'camera');
  const stream = isSelf ? localStream : remoteStream;
  const live = useVideoLive(stream);
  const paused = state.videoOn && state.paused;
  const showVideo = state.videoOn && live && !paused;

  const videoRef = useRef<HTMLVideoElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  useSrcObject(videoRef, stream);
  useVisibleVideo(boxRef, id, source, !isSelf, tilePriority(source, variant === 'main', pinned));

  const displayName = name || t('room.unnamed');
  const person = isSelf ? t('room.you', { name: displayName }) : displayName;
  const label = source === 'screen' ? t('room.tile.screen', { name: person }) : person;
  const classes = [
    'tile',
    `tile--${variant}`,
    source === 'screen' ? 'tile--screen' : '',
    state.speaking && source === 'camera' ? 'tile--speaking' : '',
    isSelf && source === 'camera' ? 'tile--self' : '',
    paused ? 'tile--paused' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div role="group" aria-label={label} className={classes} data-participant-id={id} data-source={source}>
      <div className="tile__media" ref={boxRef}>
        <video
          ref={videoRef}
          className="tile__video"
          autoPlay
          playsInline
          muted
          hidden={!showVideo}
          aria-hidden="true"
          data-testid={isSelf ? 'self-video' : 'tile-video'}
          data-participant-id={id}
        />
        {!showVideo && (
          <div className="tile__placeholder">
            <span className="tile__initials" aria-hidden="true">
              {initials(displayName)}
            </span>
            {paused && (
              <p className="tile__paused" data-testid="video-paused" title={t('room.tile.videoPaused')}>
                <VideoOff aria-hidden="true" size={16} className="tile__paused-icon" />
                <span className="tile__paused-text">{t('room.tile.videoPaused')}</span>
              </p>
            )}
          </div>
        )}
      </div>
      <div className="tile__bar">
        {source === 'camera' && state.micOff && <LabelledIcon icon={MicOff} label={t('room.tile.muted')} className="tile__icon" />}
        {source === 'camera' && state.hand && <LabelledIcon icon={Hand} label={t('room.tile.handRaised')} className="tile__icon tile__icon--hand" />}
        {state.disconnected && <LabelledIcon icon={WifiOff} label={t('room.tile.reconnecting')} className="tile__icon" />}
        <span className="tile__name">{label}</span>
        {state.speaking && source === 'camera' && <span className="visually-hidden">{t('room.tile.speaking')}</span>}
      </div>
      <ToggleButton
        className="tile__pin icon-button"
        aria-label={t('room.tile.pin', { name: label })}
        isSelected={pinned}
        onChange={() => togglePin(tile.key)}
      >
        <Pin aria-hidden="true" size={16} />
      </ToggleButton>
      {source === 'camera' && reactions.length > 0 && (
        <div className="tile__reactions">
          {reactions.map((r) => (
            <span key={r.id} role="img" aria-label={t(`room.reaction.${r.reaction}`)} className="tile__reaction">
              {emojiOf(r.reaction)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
