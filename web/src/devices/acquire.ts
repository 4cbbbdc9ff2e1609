/**
 * Opens microphone and camera. When both together fail, each is tried alone, so a missing camera
 * or a camera held by another program still lets the user join with sound (and the reverse).
 */
import { classifyMediaError, type DeviceErrorKind } from './errors';

export interface MediaRequest {
  readonly microphone: boolean;
  readonly camera: boolean;
  readonly microphoneId?: string;
  readonly cameraId?: string;
}

export interface AcquiredMedia {
  /** Holds the tracks that could be opened (possibly none). */
  readonly stream: MediaStream;
  readonly microphoneError?: DeviceErrorKind;
  readonly cameraError?: DeviceErrorKind;
}

export const CAMERA_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export const MICROPHONE_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

function audioConstraints(request: MediaRequest): MediaTrackConstraints | false {
  if (!request.microphone) return false;
  return request.microphoneId ? { ...MICROPHONE_CONSTRAINTS, deviceId: { exact: request.microphoneId } } : MICROPHONE_CONSTRAINTS;
}

function videoConstraints(request: MediaRequest): MediaTrackConstraints | false {
  if (!request.camera) return false;
  return request.cameraId ? { ...CAMERA_CONSTRAINTS, deviceId: { exact: request.cameraId } } : CAMERA_CONSTRAINTS;
}

type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

function defaultGetUserMedia(): GetUserMedia | null {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  return devices?.getUserMedia ? (c) => devices.getUserMedia(c) : null;
}

async function openOne(
  getUserMedia: GetUserMedia,
  constraints: MediaStreamConstraints,
): Promise<{ tracks: MediaStreamTrack[]; error?: DeviceErrorKind }> {
  try {
    return { tracks: (await getUserMedia(constraints)).getTracks() };
  } catch (error) {
    return { tracks: [], error: classifyMediaError(error) };
  }
}

export async function acquireMedia(
  request: MediaRequest,
  getUserMedia: GetUserMedia | null = defaultGetUserMedia(),
): Promise<AcquiredMedia> {
  const audio = audioConstraints(request);
  const video = videoConstraints(request);
  if (getUserMedia === null) {
    return {
      stream: new MediaStream(),
      microphoneError: audio ? 'unsupported' : undefined,
      cameraError: video ? 'unsupported' : undefined,
    };
  }
  if (!audio && !video) return { stream: new MediaStream() };
  const both = await openOne(getUserMedia, { audio, video });
  if (both.error === undefined) return { stream: new MediaStream(both.tracks) };
  if (!audio || !video) {
    return {
      stream: new MediaStream(),
      microphoneError: audio ? both.error : undefined,
      cameraError: video ? both.error : undefined,
    };
  }
  const mic = await openOne(getUserMedia, { audio, video: false });
  const cam = await openOne(getUserMedia, { audio: false, video });
  return {
    stream: new MediaStream([...mic.tracks, ...cam.tracks]),
    microphoneError: mic.error,
    cameraError: cam.error,
  };
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
