/** The user's microphones, cameras and speakers, kept current when devices are plugged in or out. */
import { useEffect, useState } from 'react';

export interface DeviceOption {
  readonly id: string;
  /** Empty until the user granted access (browsers hide labels before that). */
  readonly label: string;
}

export interface DeviceLists {
  readonly microphones: readonly DeviceOption[];
  readonly cameras: readonly DeviceOption[];
  readonly speakers: readonly DeviceOption[];
}

export const NO_DEVICES: DeviceLists = { microphones: [], cameras: [], speakers: [] };

export function groupDevices(devices: readonly MediaDeviceInfo[]): DeviceLists {
  const pick = (kind: MediaDeviceKind) =>
    devices.filter((d) => d.kind === kind && d.deviceId !== '').map((d) => ({ id: d.deviceId, label: d.label }));
  return { microphones: pick('audioinput'), cameras: pick('videoinput'), speakers: pick('audiooutput') };
}

export async function listDevices(): Promise<DeviceLists> {
  const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!md?.enumerateDevices) return NO_DEVICES;
  try {
    return groupDevices(await md.enumerateDevices());
  } catch {
    return NO_DEVICES;
  }
}

/** Device lists, reloaded on `devicechange` and whenever `refreshKey` changes (e.g. after access was granted). */
export function useDeviceLists(refreshKey: unknown): DeviceLists {
  const [lists, setLists] = useState<DeviceLists>(NO_DEVICES);
  useEffect(() => {
    let active = true;
    const load = () => {
      void listDevices().then((next) => {
        if (active) setLists(next);
      });
    };
    load();
    const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    md?.addEventListener?.('devicechange', load);
    return () => {
      active = false;
      md?.removeEventListener?.('devicechange', load);
    };
  }, [refreshKey]);
  return lists;
}

/** Whether this browser can choose the audio output device (HTMLMediaElement.setSinkId). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}
