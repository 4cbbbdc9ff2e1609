import { useEffect, useRef } from 'react';
import { useRemoteStream, useMeeting, type MediaSource } from '../../../meeting';
import { useSrcObject } from '../hooks/useSrcObject';
import { useRoomUi } from '../state/roomUi';

type SinkableAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

function AudioTrack({ participantId, source, sinkId }: { readonly participantId: string; readonly source: MediaSource; readonly sinkId: string | null }) {
  const stream = useRemoteStream(participantId, source);
  const ref = useRef<HTMLAudioElement>(null);
  useSrcObject(ref, stream);
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
