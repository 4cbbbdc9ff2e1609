import { useEffect, useState } from 'react';
import { videoTrackLive } from './useSrcObject';

/** videoTrackLive(stream), re-evaluated when the track is muted, unmuted or ends. */
export function useVideoLive(stream: MediaStream | null): boolean {
  const [live, setLive] = useState(() => videoTrackLive(stream));
  // Tracks added to the stream later need their own listeners: re-run the effect.
  const [tracksVersion, setTracksVersion] = useState(0);
  useEffect(() => {
    setLive(videoTrackLive(stream));
    if (stream === null) return undefined;
    const update = () => setLive(videoTrackLive(stream));
    const tracks = stream.getVideoTracks();
    for (const t of tracks) {
      t.addEventListener('mute', update);
      t.addEventListener('unmute', update);
      t.addEventListener('ended', update);
    }
    const retrack = () => setTracksVersion((v) => v + 1);
    stream.addEventListener('addtrack', retrack);
    stream.addEventListener('removetrack', retrack);
    return () => {
      for (const t of tracks) {
        t.removeEventListener('mute', update);
        t.removeEventListener('unmute', update);
        t.removeEventListener('ended', update);
      }
      stream.removeEventListener('addtrack', retrack);
      stream.removeEventListener('removetrack', retrack);
    };
  }, [stream, tracksVersion]);
  return live;
}
