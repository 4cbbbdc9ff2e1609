/**
 * The two peer connections the SFU expects (docs/protocol.md, namespace media), ported from the
 * reference client tests/integration/webrtc/browser_peer.js: *publish* (this device offers, one
 * sendonly transceiver per source, renegotiated when a source starts or stops) and *subscribe*
 * (the server offers whenever the remote tracks change, offers are applied one at a time).
 */
import type { MediaPublishCommand, MediaSubscribeOfferEvent } from '../../protocol/types';
import type { MediaSource, PeerConnectionStatus } from '../types';
import {
  type CameraPublishing,
  contentHintFor,
  encodingsForLayers,
  mungeVideoCodec,
  PUBLISH_SOURCES,
  publishMids,
  publishVideoCodec,
  transceiverInit,
  videoCodecPreferences,
} from './publish';
import { diffRecords, videoMids, type RemoteRecord } from './tracks';

export interface MediaSignaling {
  /** media/publish; resolves with the answer's SDP. */
  publish(fields: Omit<MediaPublishCommand, 'action'>): Promise<string>;
  subscribeAnswer(sdp: string, version: number): void;
  /** `fresh`: this page's subscribe connection is new (reload): the server starts over. */
  restartSubscribe(fresh?: boolean): void;
}

export interface MediaSessionOptions {
  readonly signaling: MediaSignaling;
  readonly iceServers: () => RTCIceServer[];
  readonly createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** RTCRtpSender.getCapabilities (absent: the SDP is munged to VP8 when needed). */
  readonly senderCapabilities?: (kind: 'video') => RTCRtpCapabilities | null;
  /** How the camera is published (publish.ts, setting `plenum.cameraPublishing`); default simulcast. */
  readonly cameraPublishing?: CameraPublishing;
  /** A remote track starts (track) or ends (null). */
  readonly onRemoteTrack: (record: RemoteRecord, track: MediaStreamTrack | null) => void;
  /** participant/source → mid of every received video, after each applied offer. */
  readonly onVideoMids: (mids: Map<string, string>) => void;
  readonly onConnectionState: (connection: 'publish' | 'subscribe', status: PeerConnectionStatus) => void;
  readonly onError: (where: string, error: unknown) => void;
}

/** Minimum time between automatic ICE restarts of one connection. */
const RESTART_INTERVAL_MS = 10_000;

function defaultCreatePeerConnection(config: RTCConfiguration): RTCPeerConnection {
  return new RTCPeerConnection(config);
}

function defaultCapabilities(kind: 'video'): RTCRtpCapabilities | null {
  if (typeof RTCRtpSender === 'undefined' || typeof RTCRtpSender.getCapabilities !== 'function') return null;
  return RTCRtpSender.getCapabilities(kind);
}

export class MediaSession {
  private readonly o: MediaSessionOptions;
  private pub: RTCPeerConnection | null = null;
  private sub: RTCPeerConnection | null = null;
  private readonly transceivers = new Map<MediaSource, RTCRtpTransceiver>();
  private readonly sending = new Set<MediaSource>();
  private publishChain: Promise<void> = Promise.resolve();
  private subscribeChain: Promise<void> = Promise.resolve();
  private records = new Map<string, RemoteRecord>();
  /** publish_layers: the last list of wanted rids per publish mid. */
  private readonly layers = new Map<string, readonly string[]>();
  private mungeVideo = false;
  private closed = false;
  private readonly lastRestart = { publish: 0, subscribe: 0 };

  constructor(options: MediaSessionOptions) {
    this.o = options;
  }

  get hasPublishConnection(): boolean {
    return this.pub !== null;
  }

  get hasSubscribeConnection(): boolean {
    return this.sub !== null;
  }

  isPublishing(source: MediaSource): boolean {
    return this.sending.has(source);
  }

  /**
   * Starts (track), or stops (null) sending sources, then renegotiates the publish connection
   * once. Resolves when the server answered.
   */
  publish(changes: Partial<Record<MediaSource, MediaStreamTrack | null>>, stream: MediaStream | null): Promise<void> {
    return this.queuePublish(async () => {
      const pc = this.publishConnection();
      for (const source of PUBLISH_SOURCES) {
        if (!(source in changes)) continue;
        const track = changes[source] ?? null;
        const existing = this.transceivers.get(source);
        if (track === null) {
          if (existing === undefined) continue;
          existing.direction = 'inactive';
          await existing.sender.replaceTrack(null);
          this.sending.delete(source);
          continue;
        }
        if ('contentHint' in track) track.contentHint = contentHintFor(source);
        if (existing !== undefined) {
          await existing.sender.replaceTrack(track);
          existing.direction = 'sendonly';
        } else {
          const publishing = this.cameraPublishing(source);
          const tr = pc.addTransceiver(track, transceiverInit(source, stream, publishing));
          if (track.kind === 'video') this.preferVideoCodec(tr, publishVideoCodec(source, publishing));
          this.transceivers.set(source, tr);
        }
        this.sending.add(source);
      }
      await this.negotiatePublish(false);
    });
  }

  /** Swaps the track of a source being sent, without renegotiating (device switch, camera off/on). */
  async replaceTrack(source: MediaSource, track: MediaStreamTrack | null): Promise<void> {
    const tr = this.transceivers.get(source);
    if (tr === undefined || !this.sending.has(source)) throw new Error(`not publishing ${source}`);
    if (track !== null && 'contentHint' in track) track.contentHint = contentHintFor(source);
    await tr.sender.replaceTrack(track);
  }

  /**
   * publish_layers: only the encodings (rids) of the video at `mid` that anyone receives stay
   * active. Remembered per mid and applied again after every negotiation of the publish
   * connection (a republished source gets the last list the server sent for its mid). Runs after
   * a negotiation in progress; resolves once applied (failures go to onError('publish_layers')).
   */
  setPublishLayers(mid: string, activeRids: readonly string[]): Promise<void> {
    this.layers.set(mid, [...activeRids]);
    return this.queuePublish(() => this.applyLayers(mid));
  }

  /** A subscribe_offer: applied after the previous one, answered with its version. */
  handleSubscribeOffer(offer: MediaSubscribeOfferEvent): Promise<void> {
    this.subscribeChain = this.subscribeChain
      .then(() => this.applySubscribeOffer(offer))
      .catch((e: unknown) => this.o.onError('subscribe_offer', e));
    return this.subscribeChain;
  }

  /**
   * After a signaling resumption (or a failed connection): ICE restart of the publish connection
   * with a new offer, and a new offer for the subscribe connection.
   */
  async restart(which: 'publish' | 'subscribe' | 'both' = 'both', fresh = false): Promise<void> {
    if (this.closed) return;
    const now = Date.now();
    if (which !== 'publish') {
      this.lastRestart.subscribe = now;
      this.o.signaling.restartSubscribe(fresh);
    }
    if (which !== 'subscribe' && this.pub !== null) {
      this.lastRestart.publish = now;
      await this.queuePublish(() => this.negotiatePublish(true));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const rec of this.records.values()) this.o.onRemoteTrack(rec, null);
    this.records.clear();
    for (const pc of [this.pub, this.sub]) {
      if (pc === null) continue;
      pc.onconnectionstatechange = null;
      pc.ontrack = null;
      try {
        pc.close();
      } catch {
        // Already closed.
      }
    }
    this.pub = null;
    this.sub = null;
  }

  private queuePublish(job: () => Promise<void>): Promise<void> {
    const run = this.publishChain.then(job);
    this.publishChain = run.catch(() => {});
    return run;
  }

  private newConnection(name: 'publish' | 'subscribe'): RTCPeerConnection {
    const create = this.o.createPeerConnection ?? defaultCreatePeerConnection;
    const pc = create({ iceServers: this.o.iceServers(), bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.o.onConnectionState(name, 'new');
    pc.onconnectionstatechange = () => {
      if (this.closed) return;
      const state = pc.connectionState as PeerConnectionStatus;
      this.o.onConnectionState(name, state);
      if (state === 'failed' && Date.now() - this.lastRestart[name] > RESTART_INTERVAL_MS) {
        this.restart(name).catch((e: unknown) => this.o.onError(`restart_${name}`, e));
      }
    };
    return pc;
  }

  private publishConnection(): RTCPeerConnection {
    if (this.closed) throw new Error('media session closed');
    this.pub ??= this.newConnection('publish');
    return this.pub;
  }

  /** SVC only where the codec can be chosen per transceiver (else everything is munged to VP8). */
  private cameraPublishing(source: MediaSource): CameraPublishing {
    const wanted = this.o.cameraPublishing ?? 'simulcast';
    if (source !== 'camera' || wanted === 'simulcast') return 'simulcast';
    const codec = publishVideoCodec(source, wanted);
    const prefs = videoCodecPreferences((this.o.senderCapabilities ?? defaultCapabilities)('video'), codec);
    const settable = typeof RTCRtpTransceiver === 'undefined' || 'setCodecPreferences' in RTCRtpTransceiver.prototype;
    return prefs !== null && prefs.length > 0 && settable ? wanted : 'simulcast';
  }

  private preferVideoCodec(tr: RTCRtpTransceiver, codec: string): void {
    const caps = (this.o.senderCapabilities ?? defaultCapabilities)('video');
    const prefs = videoCodecPreferences(caps, codec);
    if (prefs !== null && prefs.length > 0 && typeof tr.setCodecPreferences === 'function') {
      tr.setCodecPreferences(prefs as RTCRtpCodec[]);
    } else {
      this.mungeVideo = true;
    }
  }

  private async negotiatePublish(iceRestart: boolean): Promise<void> {
    const pc = this.pub;
    if (pc === null || this.closed) return;
    const offer = await pc.createOffer(iceRestart ? { iceRestart: true } : {});
    if (this.mungeVideo && offer.sdp !== undefined) {
      // libwebrtc accepts an offer with codecs removed (not one with codecs added).
      await pc.setLocalDescription({ type: 'offer', sdp: mungeVideoCodec(offer.sdp) });
    } else {
      await pc.setLocalDescription(offer);
    }
    const sdp = pc.localDescription?.sdp ?? '';
    const answer = await this.o.signaling.publish({ sdp, ...publishMids(this.transceivers, this.sending) });
    if (this.closed) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    await this.applyLayers();
  }

  /** Sets `active` on the encodings of the video senders (all, or the one at `onlyMid`) from `layers`. */
  private async applyLayers(onlyMid?: string): Promise<void> {
    for (const source of ['camera', 'screen'] as const) {
      const tr = this.transceivers.get(source);
      if (tr === undefined || tr.mid === null || this.closed) continue;
      if (onlyMid !== undefined && tr.mid !== onlyMid) continue;
      const rids = this.layers.get(tr.mid);
      if (rids === undefined) continue;
      try {
        const params = tr.sender.getParameters();
        const encodings = encodingsForLayers(params.encodings, rids);
        if (encodings !== null) await tr.sender.setParameters({ ...params, encodings });
      } catch (e) {
        this.o.onError('publish_layers', e);
      }
    }
  }

  private async applySubscribeOffer(offer: MediaSubscribeOfferEvent): Promise<void> {
    if (this.closed) return;
    if (this.sub === null) {
      // Tracks are taken from the transceivers once an offer is applied (receiver.track exists
      // from setRemoteDescription on), so ontrack is not needed.
      this.sub = this.newConnection('subscribe');
    }
    const pc = this.sub;
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (this.closed) return;
    this.o.signaling.subscribeAnswer(pc.localDescription?.sdp ?? answer.sdp ?? '', offer.version);
    const live = pc
      .getTransceivers()
      .filter((t) => t.mid !== null && !isStopped(t))
      .map((t) => ({ mid: t.mid as string, track: t.receiver.track }));
    const changes = diffRecords(this.records, offer.tracks, live);
    for (const rec of changes.ended) {
      if (this.records.get(rec.mid) === rec) this.records.delete(rec.mid);
      this.o.onRemoteTrack(rec, null);
    }
    for (const { record, track } of changes.started) {
      this.records.set(record.mid, record);
      this.o.onRemoteTrack(record, track);
    }
    this.o.onVideoMids(videoMids(this.records.values()));
  }
}

function isStopped(t: RTCRtpTransceiver): boolean {
  const direction = t.currentDirection as string | null;
  return direction === 'inactive' || direction === 'stopped';
}

