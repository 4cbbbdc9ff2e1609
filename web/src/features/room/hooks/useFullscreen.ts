import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface Fullscreen {
  readonly supported: boolean;
  readonly active: boolean;
  toggle(): void;
}

/** Fullscreen API for one element (the room), following changes made with Esc or F11. */
export function useFullscreen(ref: RefObject<HTMLElement | null>): Fullscreen {
  const [active, setActive] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement != null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true;
  const toggle = useCallback(() => {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
    } else {
      void ref.current?.requestFullscreen().catch(() => undefined);
    }
  }, [ref]);
  return { supported, active, toggle };
}
