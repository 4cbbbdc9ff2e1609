/**
 * The lobby's camera and microphone: opened with the remembered devices, reopened when the user
 * picks another device or switches one off/on, handed over to the meeting on join.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  acquireMedia,
  loadDevicePreferences,
  saveDevicePreferences,
  stopStream,
  type DeviceErrorKind,
  type DevicePreferences,
} from '../../devices';

export interface LobbyMedia {
  readonly stream: MediaStream | null;
  readonly preferences: DevicePreferences;
  readonly microphoneError?: DeviceErrorKind;
  readonly cameraError?: DeviceErrorKind;
  /** Bumps whenever devices were opened (labels become visible after the first grant). */
  readonly generation: number;
  update(change: Partial<DevicePreferences>): void;
  /**
   * Gives the stream away (to the meeting): the lobby no longer stops it. Waits for devices that
   * are still opening, so a quick "Join" does not join without them.
   */
  take(): Promise<MediaStream | null>;
  /** Opens the devices again (after a failed join consumed the stream). */
  reopen(): void;
}

export function useLobbyMedia(active: boolean): LobbyMedia {
  const [preferences, setPreferences] = useState<DevicePreferences>(loadDevicePreferences);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [errors, setErrors] = useState<{ microphoneError?: DeviceErrorKind; cameraError?: DeviceErrorKind }>({});
  const [generation, setGeneration] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const owned = useRef<MediaStream | null>(null);
  const opening = useRef<Promise<void> | null>(null);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const done = acquireMedia({
      microphone: preferences.microphoneEnabled,
      camera: preferences.cameraEnabled,
      microphoneId: preferences.microphoneId,
      cameraId: preferences.cameraId,
    }).then((result) => {
      if (cancelled) {
        stopStream(result.stream);
        return;
      }
      stopStream(owned.current);
      owned.current = result.stream;
      setStream(result.stream);
      setErrors({ microphoneError: result.microphoneError, cameraError: result.cameraError });
      setGeneration((g) => g + 1);
    });
    opening.current = done;
    void done.finally(() => {
      if (opening.current === done) opening.current = null;
    });
    return () => {
      cancelled = true;
    };
  }, [active, attempt, preferences.microphoneEnabled, preferences.cameraEnabled, preferences.microphoneId, preferences.cameraId]);

  // Stop whatever is still ours when the lobby goes away.
  useEffect(() => () => stopStream(owned.current), []);

  const update = useCallback((change: Partial<DevicePreferences>) => {
    setPreferences((current) => {
      const next = { ...current, ...change };
      saveDevicePreferences(next);
      return next;
    });
  }, []);

  const take = useCallback(async () => {
    while (opening.current !== null) await opening.current;
    const given = owned.current;
    owned.current = null;
    return given;
  }, []);

  const reopen = useCallback(() => setAttempt((n) => n + 1), []);

  return { stream, preferences, ...errors, generation, update, take, reopen };
}
