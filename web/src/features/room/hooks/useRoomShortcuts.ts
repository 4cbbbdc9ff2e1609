import { useEffect, useLayoutEffect, useRef } from 'react';
import { PushToTalk } from '../logic/pushToTalk';
import { isPushToTalkKey, matchShortcut, type ShortcutAction } from '../logic/shortcuts';

export interface RoomShortcutHandlers {
  readonly enabled: boolean;
  readonly onAction: (action: ShortcutAction) => void;
  /** Whether the own microphone is off right now (push-to-talk only acts then). */
  readonly isMicrophoneMuted: () => boolean;
  readonly setMicrophoneEnabled: (enabled: boolean) => void;
}

/**
 * Window-level keyboard shortcuts: Ctrl+Shift+M/V/H/S/F and hold Space to talk.
 * Handlers are read through a ref, so changing them does not re-register listeners.
 */
export function useRoomShortcuts(handlers: RoomShortcutHandlers): void {
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const ptt = new PushToTalk((on) => ref.current.setMicrophoneEnabled(on));
    const onKeyDown = (event: KeyboardEvent) => {
      if (!ref.current.enabled || event.defaultPrevented) return;
      const action = matchShortcut(event);
      if (action !== null) {
        event.preventDefault();
        if (!event.repeat) ref.current.onAction(action);
        return;
      }
      if (isPushToTalkKey(event) && ptt.press(ref.current.isMicrophoneMuted(), event.repeat)) {
        event.preventDefault(); // no page scroll while talking
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' || event.key === 'Spacebar') ptt.release();
    };
    const onBlur = () => ptt.release();
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      ptt.release();
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
}
