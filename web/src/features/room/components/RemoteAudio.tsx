import { useCallback, useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { useRemoteStream, useMeeting, type MediaSource } from '../../../meeting';
import { useSrcObject } from '../hooks/useSrcObject';
import { useRoomUi } from '../state/roomUi';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

function AudioTrack({ participantId, source, sinkId }: { readonly participantId: string; readonly source: MediaSource; readonly sinkId: string | null }) {
  const stream = useRemoteStream(participantId, source);
  const ref = useRef<HTMLAudioElement>(null);
  const setAudioBlocked = useRoomUi((s) => s.setAudioBlocked);
  const onBlocked = useCallback(() => setAudioBlocked(true), [setAudioBlocked]);
  useSrcObject(ref, stream, onBlocked);
  useEffect(() => {
    const el = ref.current as SinkableAudio | null;
    if (el?.setSinkId) void el.setSinkId(sinkId ?? '').catch(() => undefined);
  }, [sinkId, stream]);
  if (stream === null) return null;
  return <audio ref={ref} autoPlay data-testid="remote-audio" data-participant-id={participantId} data-source={source} />;
}

/**
 * One hidden <audio> per remote microphone and screen audio, whatever page or layout is shown:
 * everyone is heard, only visible videos are received.
 */
export function RemoteAudio() {
  const selfId = useMeeting((s) => s.selfId);
  const sources = useMeeting((s) =>
    Object.entries(s.media.publications).flatMap(([id, pubs]) =>
      id === selfId ? [] : (['microphone', 'screen_audio'] as const).filter((src) => pubs[src] !== undefined).map((src) => `${id}|${src}`),
    ),
  );
  const sinkId = useRoomUi((s) => s.speakerId);
  return (
    <div className="remote-audio" hidden>
      {sources.map((key) => {
        const [id = '', source = 'microphone'] = key.split('|');
        return <AudioTrack key={key} participantId={id} source={source as MediaSource} sinkId={sinkId} />;
      })}
    </div>
  );
}

/** Shown when autoplay was refused: one press starts every remote audio element. */
export function AudioUnblock() {
  const { t } = useI18n();
  const blocked = useRoomUi((s) => s.audioBlocked);
  const setAudioBlocked = useRoomUi((s) => s.setAudioBlocked);
  if (!blocked) return null;
  const play = () => {
    const elements = document.querySelectorAll<HTMLAudioElement>('audio[data-testid="remote-audio"]');
    void Promise.all([...elements].map((el) => el.play())).then(
      () => setAudioBlocked(false),
      () => undefined,
    );
  };
  return (
    <div className="audio-unblock" role="alert">
      <span>{t('room.audioBlocked')}</span>
      <Button className="button button--small" onPress={play}>
        {t('room.audioBlocked.play')}
      </Button>
    </div>
  );
}
