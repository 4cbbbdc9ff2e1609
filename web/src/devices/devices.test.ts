import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireMedia } from './acquire';
import { classifyMediaError } from './errors';
import { levelFromSamples } from './level';
import { groupDevices } from './list';
import { DEVICE_PREFERENCES_KEY, loadDevicePreferences, saveDevicePreferences } from './preferences';

class FakeStream {
  readonly tracks: { kind: string }[];
  constructor(tracks: { kind: string }[] = []) {
    this.tracks = tracks;
  }
  getTracks() {
    return this.tracks;
  }
}

const domError = (name: string) => new DOMException('x', name);

describe('classifyMediaError', () => {
  it.each([
    ['NotFoundError', 'no_device'],
    ['OverconstrainedError', 'no_device'],
    ['NotAllowedError', 'permission_denied'],
    ['NotReadableError', 'in_use'],
    ['SomethingElse', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(classifyMediaError(domError(name))).toBe(kind);
  });
});

describe('acquireMedia', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeStream));
  afterEach(() => vi.unstubAllGlobals());

  it('opens both devices in one request when that works', async () => {
    const gum = vi.fn(async (_c: MediaStreamConstraints) => new FakeStream([{ kind: 'audio' }, { kind: 'video' }]) as unknown as MediaStream);
    const result = await acquireMedia({ microphone: true, camera: true, cameraId: 'cam-2' }, gum);
    expect(gum).toHaveBeenCalledTimes(1);
    expect(gum.mock.calls[0]?.[0]).toMatchObject({ video: { deviceId: { exact: 'cam-2' } } });
    expect(result.stream.getTracks()).toHaveLength(2);
    expect(result.cameraError).toBeUndefined();
  });

  it('keeps the microphone when the camera is busy, and says why the camera is missing', async () => {
    const gum = vi.fn(async (c: MediaStreamConstraints) => {
      if (c.video) throw domError('NotReadableError');
      return new FakeStream([{ kind: 'audio' }]) as unknown as MediaStream;
    });
    const result = await acquireMedia({ microphone: true, camera: true }, gum);
    expect(result.stream.getTracks()).toEqual([{ kind: 'audio' }]);
    expect(result.cameraError).toBe('in_use');
    expect(result.microphoneError).toBeUndefined();
  });

  it('reports a denied permission for both when the user refuses', async () => {
    const gum = vi.fn(async () => {
      throw domError('NotAllowedError');
    });
    const result = await acquireMedia({ microphone: true, camera: true }, gum);
    expect(result.stream.getTracks()).toHaveLength(0);
    expect(result.microphoneError).toBe('permission_denied');
    expect(result.cameraError).toBe('permission_denied');
  });

  it('asks for nothing when both are switched off', async () => {
    const gum = vi.fn();
    const result = await acquireMedia({ microphone: false, camera: false }, gum);
    expect(gum).not.toHaveBeenCalled();
    expect(result.stream.getTracks()).toHaveLength(0);
  });

  it('says unsupported when the browser has no getUserMedia', async () => {
    const result = await acquireMedia({ microphone: true, camera: false }, null);
    expect(result.microphoneError).toBe('unsupported');
    expect(result.cameraError).toBeUndefined();
  });
});

describe('levelFromSamples', () => {
  it('is 0 for silence and grows with amplitude, capped at 1', () => {
    expect(levelFromSamples(new Uint8Array(64).fill(128))).toBe(0);
    const quiet = levelFromSamples(new Uint8Array(64).map((_, i) => (i % 2 ? 133 : 123)));
    const loud = levelFromSamples(new Uint8Array(64).map((_, i) => (i % 2 ? 200 : 56)));
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(quiet);
    expect(levelFromSamples(new Uint8Array(64).map((_, i) => (i % 2 ? 255 : 0)))).toBe(1);
  });
});

describe('groupDevices', () => {
  it('sorts by kind and drops entries without id', () => {
    const d = (kind: MediaDeviceKind, deviceId: string, label = '') => ({ kind, deviceId, label }) as MediaDeviceInfo;
    const lists = groupDevices([d('audioinput', 'm1', 'Mic'), d('videoinput', ''), d('videoinput', 'c1'), d('audiooutput', 's1')]);
    expect(lists.microphones).toEqual([{ id: 'm1', label: 'Mic' }]);
    expect(lists.cameras).toEqual([{ id: 'c1', label: '' }]);
    expect(lists.speakers).toEqual([{ id: 's1', label: '' }]);
  });
});

describe('device preferences', () => {
  it('round-trips and ignores corrupt storage', () => {
    saveDevicePreferences({ microphoneEnabled: false, cameraEnabled: true, cameraId: 'c1' });
    expect(loadDevicePreferences()).toMatchObject({ microphoneEnabled: false, cameraEnabled: true, cameraId: 'c1' });
    window.localStorage.setItem(DEVICE_PREFERENCES_KEY, '{oops');
    expect(loadDevicePreferences()).toEqual({ microphoneEnabled: true, cameraEnabled: true });
  });
});
