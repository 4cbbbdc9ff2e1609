/**
 * The own microphone, camera and screen: which tracks exist, whether they are on, and keeping
 * the publish connection, the server's mute states, the store and the self-view in step.
 * - Microphone off: track.enabled = false and media.set_muted (the track stays published).
 * - Camera off: the track is stopped (the camera light goes out) and the sender sends nothing
 *   (replaceTrack(null), set_muted); on again: a new track through replaceTrack.
 * - Device switch: a new track through replaceTrack, no renegotiation.
 * - Screen: getDisplayMedia with contentHint 'detail', screen audio when offered.
 */
import { acquireMedia, classifyMediaError, loadDevicePreferences, saveDevicePreferences } from '../../devices';
import type { AcquiredMedia, MediaRequest } from '../../devices';
import { setLocalMedia } from '../store/reducers/local';
import { updateMeetingState } from '../store/store';
import type { LocalMediaState, NotificationCode, NotificationParams } from '../types';
import type { MediaSession } from './mediaSession';
import { setLocalStream } from './streams';

export interface LocalMediaDeps {
  /** The media session while joined with media available, else null. */
  readonly media: () => MediaSession | null;
  readonly setMuted: (source: 'microphone' | 'camera', muted: boolean) => void;
  readonly notify: (code: NotificationCode, params: NotificationParams) => void;
  readonly mayUnmute: () => boolean;
  readonly mayPresent: () => boolean;
  readonly acquire?: (request: MediaRequest) => Promise<AcquiredMedia>;
  readonly getDisplayMedia?: (options: DisplayMediaStreamOptions) => Promise<MediaStream>;
}

/** Rejected when a device cannot be opened; `kind` as in devices/errors.ts. */
export class DeviceError extends Error {
  readonly kind: string;
  readonly source: 'microphone' | 'camera' | 'screen';
  constructor(source: 'microphone' | 'camera' | 'screen', kind: string) {
    super(`${source}: ${kind}`);
    this.name = 'DeviceError';
    this.source = source;
    this.kind = kind;
  }
}

function deviceIdOf(track: MediaStreamTrack | null): string | null {
  if (track === null || typeof track.getSettings !== 'function') return null;
  return track.getSettings().deviceId ?? null;
}

function defaultGetDisplayMedia(options: DisplayMediaStreamOptions): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getDisplayMedia) {
    return Promise.reject(new DOMException('getDisplayMedia is not available', 'TypeError'));
  }
  return navigator.mediaDevices.getDisplayMedia(options);
}

export class LocalMedia {
  private readonly d: LocalMediaDeps;
  private mic: MediaStreamTrack | null = null;
  private cam: MediaStreamTrack | null = null;
  private screen: MediaStream | null = null;
  private micOn = false;
  private stopped = false;
  private readonly wrapped: Record<'microphone' | 'camera', MediaStream | null> = { microphone: null, camera: null };

  constructor(deps: LocalMediaDeps) {
    this.d = deps;
  }

  /** Takes over the lobby's stream: a disabled camera is closed, a disabled microphone muted. */
  adopt(stream: MediaStream | null, microphoneEnabled: boolean, cameraEnabled: boolean): void {
    const mic = stream?.getAudioTracks()[0] ?? null;
    const cam = stream?.getVideoTracks()[0] ?? null;
    for (const t of stream?.getTracks() ?? []) if (t !== mic && t !== cam) t.stop();
    if (cam !== null && !cameraEnabled) cam.stop();
    this.cam = cameraEnabled ? cam : null;
    this.mic = mic;
    this.micOn = microphoneEnabled && mic !== null;
    if (mic !== null) mic.enabled = this.micOn;
    this.publishState();
  }

  /** The state the session starts with (before adopt's update reaches the store). */
  snapshot(): LocalMediaState {
    return {
      microphone: this.micOn,
      camera: this.cam !== null,
      screen: this.screen !== null,
      hasMicrophone: this.mic !== null,
      hasCamera: this.cam !== null,
      microphoneDeviceId: deviceIdOf(this.mic),
      cameraDeviceId: deviceIdOf(this.cam),
    };
  }

  /** Publishes what is on (after join_success on a new media session). */
  async publishAll(): Promise<void> {
    const media = this.d.media();
    if (media === null) return;
    const changes: Partial<Record<'microphone' | 'camera' | 'screen' | 'screen_audio', MediaStreamTrack>> = {};
    if (this.mic !== null) changes.microphone = this.mic;
    if (this.cam !== null) changes.camera = this.cam;
    const screenVideo = this.screen?.getVideoTracks()[0];
    const screenAudio = this.screen?.getAudioTracks()[0];
    if (screenVideo !== undefined && this.d.mayPresent()) {
      changes.screen = screenVideo;
      if (screenAudio !== undefined) changes.screen_audio = screenAudio;
    }
    if (Object.keys(changes).length === 0) return;
    await media.publish(changes, this.streamOf(this.mic, this.cam));
    if (this.mic !== null && !this.micOn) this.d.setMuted('microphone', true);
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    if (enabled && !this.d.mayUnmute()) {
      this.d.notify('microphone_restricted', {});
      return;
    }
    this.remember({ microphoneEnabled: enabled });
    if (enabled && this.mic === null) {
      const track = await this.open('microphone');
      if (this.stopped) {
        track.stop();
        return;
      }
      this.mic = track;
      this.micOn = true;
      this.publishState();
      const media = this.d.media();
      if (media !== null) await media.publish({ microphone: track }, this.streamOf(track, this.cam));
      return;
    }
    if (this.mic === null || this.micOn === enabled) return;
    this.mic.enabled = enabled;
    this.micOn = enabled;
    this.publishState();
    if (this.d.media()?.isPublishing('microphone')) this.d.setMuted('microphone', !enabled);
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.remember({ cameraEnabled: enabled });
    if (enabled === (this.cam !== null)) return;
    const media = this.d.media();
    if (!enabled) {
      const old = this.cam;
      this.cam = null;
      this.publishState();
      if (media?.isPublishing('camera')) {
        await media.replaceTrack('camera', null);
        this.d.setMuted('camera', true);
      }
      old?.stop();
      return;
    }
    const track = await this.open('camera');
    if (this.stopped) {
      track.stop();
      return;
    }
    this.cam = track;
    this.publishState();
    if (media === null) return;
    if (media.isPublishing('camera')) {
      await media.replaceTrack('camera', track);
      this.d.setMuted('camera', false);
    } else {
      await media.publish({ camera: track }, this.streamOf(this.mic, track));
    }
  }

  async switchMicrophone(deviceId: string): Promise<void> {
    this.remember({ microphoneId: deviceId });
    if (this.mic === null || deviceIdOf(this.mic) === deviceId) return;
    const track = await this.open('microphone', deviceId);
    track.enabled = this.micOn;
    const old = this.mic;
    this.mic = track;
    const media = this.d.media();
    if (media?.isPublishing('microphone')) await media.replaceTrack('microphone', track);
    old.stop();
    this.publishState();
  }

  async switchCamera(deviceId: string): Promise<void> {
    this.remember({ cameraId: deviceId });
    if (this.cam === null || deviceIdOf(this.cam) === deviceId) return;
    const track = await this.open('camera', deviceId);
    const old = this.cam;
    this.cam = track;
    const media = this.d.media();
    if (media?.isPublishing('camera')) await media.replaceTrack('camera', track);
    old.stop();
    this.publishState();
  }

  async startScreenShare(): Promise<void> {
    if (this.screen !== null) return;
    if (!this.d.mayPresent()) {
      this.d.notify('action_failed', { namespace: 'media', action: 'publish', code: 'forbidden' });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await (this.d.getDisplayMedia ?? defaultGetDisplayMedia)({
        video: { frameRate: { ideal: 15, max: 30 } },
        audio: true,
      });
    } catch (e) {
      const kind = classifyMediaError(e);
      // permission_denied is also what a cancelled picker reports: no message for that.
      if (kind !== 'permission_denied') this.d.notify('screen_share_failed', { error: kind });
      throw new DeviceError('screen', kind);
    }
    const video = stream.getVideoTracks()[0];
    if (video === undefined || this.stopped) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    video.contentHint = 'detail';
    video.addEventListener('ended', () => {
      if (this.screen === stream) void this.stopScreenShare();
    });
    this.screen = stream;
    this.publishState();
    const media = this.d.media();
    if (media === null) return;
    const audio = stream.getAudioTracks()[0];
    try {
      await media.publish(audio === undefined ? { screen: video } : { screen: video, screen_audio: audio }, null);
    } catch (e) {
      this.endScreen();
      throw e;
    }
  }

  async stopScreenShare(): Promise<void> {
    if (this.screen === null) return;
    this.endScreen();
    const media = this.d.media();
    if (media !== null && (media.isPublishing('screen') || media.isPublishing('screen_audio'))) {
      await media.publish({ screen: null, screen_audio: null }, null);
    }
  }

  /** The server ended the share (presenter permission withdrawn): tidy up locally. */
  screenEndedByServer(): void {
    void this.stopScreenShare().catch(() => {});
  }

  get sharingScreen(): boolean {
    return this.screen !== null;
  }

  get microphoneOn(): boolean {
    return this.micOn;
  }

  get cameraOn(): boolean {
    return this.cam !== null;
  }

  /** Stops every local track (leaving). */
  stopAll(): void {
    this.stopped = true;
    for (const t of [this.mic, this.cam]) t?.stop();
    this.screen?.getTracks().forEach((t) => t.stop());
    this.mic = null;
    this.cam = null;
    this.screen = null;
    this.micOn = false;
    updateMeetingState((st) => setLocalMedia(st, this.snapshot()));
    setLocalStream('microphone', null);
    setLocalStream('camera', null);
    setLocalStream('screen', null);
  }

  private endScreen(): void {
    this.screen?.getTracks().forEach((t) => t.stop());
    this.screen = null;
    this.publishState();
  }

  private async open(source: 'microphone' | 'camera', deviceId?: string): Promise<MediaStreamTrack> {
    const prefs = loadDevicePreferences();
    const request: MediaRequest =
      source === 'microphone'
        ? { microphone: true, camera: false, microphoneId: deviceId ?? prefs.microphoneId }
        : { microphone: false, camera: true, cameraId: deviceId ?? prefs.cameraId };
    const got = await (this.d.acquire ?? acquireMedia)(request);
    const track = source === 'microphone' ? got.stream.getAudioTracks()[0] : got.stream.getVideoTracks()[0];
    if (track === undefined) {
      const kind = (source === 'microphone' ? got.microphoneError : got.cameraError) ?? 'no_device';
      this.d.notify('device_failed', { source, error: kind });
      throw new DeviceError(source, kind);
    }
    return track;
  }

  private remember(patch: Parameters<typeof saveDevicePreferences>[0] extends infer P ? Partial<P> : never): void {
    saveDevicePreferences({ ...loadDevicePreferences(), ...patch });
  }

  private streamOf(...tracks: (MediaStreamTrack | null)[]): MediaStream | null {
    if (typeof MediaStream === 'undefined') return null;
    return new MediaStream(tracks.filter((t): t is MediaStreamTrack => t !== null));
  }

  /** Store and self-view follow the tracks. */
  private publishState(): void {
    updateMeetingState((s) => setLocalMedia(s, this.snapshot()));
    if (typeof MediaStream === 'undefined') return;
    setLocalStream('microphone', this.wrap('microphone', this.mic));
    setLocalStream('camera', this.wrap('camera', this.cam));
    setLocalStream('screen', this.screen);
  }

  /** One MediaStream per track, so the self-view keeps its stream while the track stays. */
  private wrap(source: 'microphone' | 'camera', track: MediaStreamTrack | null): MediaStream | null {
    const cached = this.wrapped[source];
    if (track === null) {
      this.wrapped[source] = null;
      return null;
    }
    if (cached !== null && cached.getTracks()[0] === track) return cached;
    const stream = new MediaStream([track]);
    this.wrapped[source] = stream;
    return stream;
  }
}
