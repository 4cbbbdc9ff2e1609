import { useMemo } from 'react';
import { actions, getMeetingState, isHandRaised, mayPresent, mayUnmute } from '../../../meeting';
import { quietly } from '../logic/quietly';

export interface RoomCommands {
  toggleMicrophone(): void;
  setMicrophoneEnabled(enabled: boolean): void;
  toggleCamera(): void;
  toggleHand(): void;
  toggleScreen(): void;
}

/** The toolbar's toggles, shared with the keyboard shortcuts; they read the state when called. */
export function useRoomCommands(): RoomCommands {
  return useMemo(() => {
    const setMicrophoneEnabled = (enabled: boolean) => {
      if (enabled && !mayUnmute(getMeetingState())) return;
      quietly(actions.setMicrophoneEnabled(enabled));
    };
    return {
      setMicrophoneEnabled,
      toggleMicrophone() {
        setMicrophoneEnabled(!getMeetingState().media.local.microphone);
      },
      toggleCamera() {
        quietly(actions.toggleCamera());
      },
      toggleHand() {
        const s = getMeetingState();
        if (isHandRaised(s)) quietly(actions.lowerHand());
        else if (s.hands.enabled) quietly(actions.raiseHand());
      },
      toggleScreen() {
        const s = getMeetingState();
        if (s.media.local.screen) quietly(actions.stopScreenShare());
        else if (mayPresent(s) && canShareScreen()) quietly(actions.startScreenShare());
      },
    };
  }, []);
}

/** getDisplayMedia exists (not on most phones). */
export function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}
