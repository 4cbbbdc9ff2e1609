/**
 * How this device publishes: the camera as three VP8 simulcast encodings (rids q/h/f at 1/4, 1/2
 * and full resolution), the screen as one encoding tuned for detail, audio as it comes. Pure
 * helpers, so the parameters are unit-tested.
 *
 * Client setting `plenum.cameraPublishing` (localStorage): `vp9-svc` (or `av1-svc`) publishes the
 * camera instead as ONE VP9 (AV1) encoding with scalabilityMode L3T3_KEY (three spatial layers at
 * 1/4, 1/2 and full resolution, three temporal layers each; the server forwards each subscriber
 * the layers it needs). Anything else, or nothing: the default VP8 simulcast. It needs
 * setCodecPreferences (Chromium, Firefox, Safari 17.4+) and the codec in the sender capabilities;
 * without them the camera is published as VP8 simulcast.
 */
import { readStorage } from '../../lib/storage';
import type { MediaSource } from '../types';

export const SIMULCAST_ENCODINGS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

export const SCREEN_ENCODING: RTCRtpEncodingParameters = { maxBitrate: 2_500_000 };

export const PUBLISH_VIDEO_CODEC = 'VP8';

export type CameraPublishing = 'simulcast' | 'vp9-svc' | 'av1-svc';
export const CAMERA_PUBLISHING_KEY = 'plenum.cameraPublishing';
/** The camera as one scalable encoding: at most what the three simulcast layers cost. */
export const SVC_ENCODING: RTCRtpEncodingParameters & { scalabilityMode: string } = {
  scalabilityMode: 'L3T3_KEY',
  maxBitrate: 2_150_000,
};

export function loadCameraPublishing(): CameraPublishing {
  const value = readStorage(CAMERA_PUBLISHING_KEY);
  return value === 'vp9-svc' || value === 'av1-svc' ? value : 'simulcast';
}

/** The codec a video source is published with. */
export function publishVideoCodec(source: MediaSource, publishing: CameraPublishing): string {
  if (source !== 'camera' || publishing === 'simulcast') return PUBLISH_VIDEO_CODEC;
  return publishing === 'vp9-svc' ? 'VP9' : 'AV1';
}

/** The order transceivers are created and named in a `publish` command. */
export const PUBLISH_SOURCES: readonly MediaSource[] = ['microphone', 'camera', 'screen', 'screen_audio'];

export function transceiverInit(
  source: MediaSource,
  stream: MediaStream | null,
  publishing: CameraPublishing = 'simulcast',
): RTCRtpTransceiverInit {
  const init: RTCRtpTransceiverInit = { direction: 'sendonly' };
  if (stream !== null) init.streams = [stream];
  if (source === 'camera')
    init.sendEncodings = publishing === 'simulcast' ? SIMULCAST_ENCODINGS.map((e) => ({ ...e })) : [{ ...SVC_ENCODING }];
  if (source === 'screen') init.sendEncodings = [{ ...SCREEN_ENCODING }];
  return init;
}

/** contentHint per source: text and edges stay sharp in a screen share. */
export function contentHintFor(source: MediaSource): string {
  switch (source) {
    case 'screen':
      return 'detail';
    case 'camera':
      return 'motion';
    case 'microphone':
      return 'speech';
    case 'screen_audio':
      return 'music';
  }
}

export interface CodecCapability {
  readonly mimeType: string;
}

/**
 * The sender capabilities to keep for `name` (the codec and RTX), [] when the stack cannot send
 * it, null when capabilities are unknown.
 */
export function videoCodecPreferences<C extends CodecCapability>(
  capabilities: { readonly codecs: readonly C[] } | null,
  name: string = PUBLISH_VIDEO_CODEC,
): C[] | null {
  if (capabilities === null) return null;
  const want = `video/${name.toLowerCase()}`;
  const main = capabilities.codecs.filter((c) => c.mimeType.toLowerCase() === want);
  if (main.length === 0) return [];
  return [...main, ...capabilities.codecs.filter((c) => c.mimeType.toLowerCase() === 'video/rtx')];
}

/**
 * Fallback without setCodecPreferences: keeps only `name` (and its RTX) in every m=video
 * section of an offer. Throws when a section has no payload type of `name`.
 */
export function mungeVideoCodec(sdp: string, name: string = PUBLISH_VIDEO_CODEC): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const parts = sdp.split(/\r?\n(?=m=)/);
  const want = name.toLowerCase();
  return parts
    .map((part, i) => {
      if (i === 0 || !part.startsWith('m=video ')) return part;
      const lines = part.split(/\r?\n/);
      const rtpmap = new Map<string, string>();
      const apt = new Map<string, string>();
      for (const l of lines) {
        const r = /^a=rtpmap:(\d+) ([^/\s]+)/.exec(l);
        if (r?.[1] !== undefined && r[2] !== undefined) rtpmap.set(r[1], r[2].toLowerCase());
        const f = /^a=fmtp:(\d+) .*\bapt=(\d+)/.exec(l);
        if (f?.[1] !== undefined && f[2] !== undefined) apt.set(f[1], f[2]);
      }
      const keep = new Set<string>();
      for (const [pt, codec] of rtpmap) if (codec === want) keep.add(pt);
      if (keep.size === 0) throw new Error(`the offer's m=video section has no ${name}`);
      for (const [pt, codec] of rtpmap) {
        const base = apt.get(pt);
        if (codec === 'rtx' && base !== undefined && keep.has(base)) keep.add(pt);
      }
      const m = (lines[0] ?? '').split(' ');
      lines[0] = [...m.slice(0, 3), ...m.slice(3).filter((pt) => keep.has(pt))].join(' ');
      return lines
        .filter((l, j) => {
          if (j === 0) return true;
          const x = /^a=(rtpmap|fmtp|rtcp-fb):(\d+) /.exec(l);
          return x?.[2] === undefined || keep.has(x[2]);
        })
        .join(eol);
    })
    .join(eol);
}

/** The `publish` command's source → mid fields for the transceivers that send. */
export function publishMids(
  transceivers: ReadonlyMap<MediaSource, { readonly mid: string | null }>,
  sending: ReadonlySet<MediaSource>,
): Partial<Record<MediaSource, string>> {
  const out: Partial<Record<MediaSource, string>> = {};
  for (const source of PUBLISH_SOURCES) {
    const mid = transceivers.get(source)?.mid;
    if (sending.has(source) && mid !== null && mid !== undefined) out[source] = mid;
  }
  return out;
}

/**
 * The sender's encodings with `active` following `publish_layers`: an encoding with a rid is
 * active when the server lists its rid; a single encoding without a rid (the screen) when the
 * server lists anything. An empty list disables every encoding (nobody receives the track; the
 * track itself keeps running). Null when nothing changes.
 */
export function encodingsForLayers(
  encodings: readonly RTCRtpEncodingParameters[],
  activeRids: readonly string[],
): RTCRtpEncodingParameters[] | null {
  const wanted = new Set(activeRids);
  let changed = false;
  const out = encodings.map((e) => {
    const active = e.rid === undefined ? wanted.size > 0 : wanted.has(e.rid);
    if ((e.active ?? true) !== active) changed = true;
    return { ...e, active };
  });
  return changed ? out : null;
}
