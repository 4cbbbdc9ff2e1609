import { useEffect, useRef } from 'react';

/** A muted, mirrored <video> of a local stream (self-view). */
export function VideoPreview({ stream, label }: { readonly stream: MediaStream | null; readonly label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className="lobby__video" autoPlay playsInline muted aria-label={label} />;
}
