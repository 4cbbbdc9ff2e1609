import { useEffect, type RefObject } from 'react';

/** Attaches a MediaStream to a <video>/<audio> element and starts playback. */
export function useSrcObject(ref: RefObject<HTMLMediaElement | null>, stream: MediaStream | null): void {
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream !== null && typeof el.play === 'function') {
      // Autoplay may be refused before a user gesture; the element starts on the next one.
      void Promise.resolve(el.play()).catch(() => undefined);
    }
  }, [ref, stream]);
}

/**
 * Whether the stream has a video track that currently delivers frames: false when the camera is
 * off, the track ended, or the server paused it (track muted).
 */
export function videoTrackLive(stream: MediaStream | null): boolean {
  const track = stream?.getVideoTracks()[0];
  return track !== undefined && track.readyState === 'live' && !track.muted;
}
