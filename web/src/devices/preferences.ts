/** The devices a user chose last time (localStorage), so the lobby and the room start with them. */
import { readStorage, writeStorage } from '../lib/storage';

export const DEVICE_PREFERENCES_KEY = 'plenum.devices';

export interface DevicePreferences {
  readonly microphoneId?: string;
  readonly cameraId?: string;
  readonly speakerId?: string;
  readonly microphoneEnabled: boolean;
  readonly cameraEnabled: boolean;
}

const DEFAULTS: DevicePreferences = { microphoneEnabled: true, cameraEnabled: true };

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : undefined;
}

export function loadDevicePreferences(): DevicePreferences {
  const text = readStorage(DEVICE_PREFERENCES_KEY);
  if (text === null) return DEFAULTS;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    return {
      microphoneId: optionalString(v.microphoneId),
      cameraId: optionalString(v.cameraId),
      speakerId: optionalString(v.speakerId),
      microphoneEnabled: typeof v.microphoneEnabled === 'boolean' ? v.microphoneEnabled : true,
      cameraEnabled: typeof v.cameraEnabled === 'boolean' ? v.cameraEnabled : true,
    };
  } catch {
    return DEFAULTS;
  }
}

export function saveDevicePreferences(preferences: DevicePreferences): void {
  writeStorage(DEVICE_PREFERENCES_KEY, JSON.stringify(preferences));
}
