import { useEffect, type RefObject } from 'react';

/**
 * Attaches a MediaStream to a <video>/<audio> element and starts playback. `onBlocked` is called
 * when the browser refuses to play without a user gesture (autoplay policy, e.g. after a reload).
 */
export function useSrcObject(
  ref: RefObject<HTMLMediaElement | null>,
  stream: MediaStream | null,
  onBlocked?: () => void,
): void {
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (stream !== null && typeof el.play === 'function') {
      void Promise.resolve(el.play()).catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked?.();
      });
    }
  }, [ref, stream, onBlocked]);
}

/**
 * Whether the stream has a video track that currently delivers frames: false when the camera is
 * off, the track ended, or the server paused it (track muted).
 */
export function videoTrackLive(stream: MediaStream | null): boolean {
  const track = stream?.getVideoTracks()[0];
  return track !== undefined && track.readyState === 'live' && !track.muted;
}
