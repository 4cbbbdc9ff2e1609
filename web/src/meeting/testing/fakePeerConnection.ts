/** Test doubles of RTCPeerConnection and MediaStream (used by *.test.ts only). */
import { vi } from 'vitest';

/**
 * A test double of RTCRtpSender's parameters: getParameters returns a copy of the encodings (from
 * the transceiver's sendEncodings, a new transactionId each time), setParameters records what it
 * got and keeps it. `failNext` makes the next setParameters reject.
 */
export class FakeSender {
  readonly replaceTrack = vi.fn(async (_t: unknown) => {});
  encodings: RTCRtpEncodingParameters[];
  failNext: Error | null = null;
  private transaction = 0;
  readonly getParameters = vi.fn((): RTCRtpSendParameters => {
    this.transaction += 1;
    return {
      transactionId: `t${this.transaction}`,
      encodings: this.encodings.map((e) => ({ ...e })),
      codecs: [],
      headerExtensions: [],
      rtcp: {},
    } as RTCRtpSendParameters;
  });
  readonly setParameters = vi.fn(async (p: RTCRtpSendParameters): Promise<void> => {
    if (p.transactionId !== `t${this.transaction}`) throw new Error('InvalidModificationError: stale transactionId');
    if (this.failNext !== null) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    this.encodings = p.encodings.map((e) => ({ ...e }));
  });
  constructor(encodings: readonly RTCRtpEncodingParameters[] | undefined) {
    this.encodings = (encodings ?? [{}]).map((e) => ({ ...e }));
  }
  /** `active` per encoding as the encoder sees it (absent = true). */
  get active(): boolean[] {
    return this.encodings.map((e) => e.active ?? true);
  }
}

/** A test double of RTCPeerConnection: enough of the API for the session's offer/answer logic. */
export class FakeTransceiver {
  mid: string | null = null;
  direction: RTCRtpTransceiverDirection;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  readonly sender: FakeSender;
  readonly receiver: { track: { kind: string; id: string } | null };
  readonly setCodecPreferences = vi.fn();
  readonly init: RTCRtpTransceiverInit | null;
  constructor(init: RTCRtpTransceiverInit | null, track: { kind: string; id: string } | null) {
    this.init = init;
    this.sender = new FakeSender(init?.sendEncodings);
    this.direction = init?.direction ?? 'recvonly';
    this.receiver = { track };
  }
}

export class FakePeerConnection {
  static made: FakePeerConnection[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  readonly offers: RTCOfferOptions[] = [];
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  connectionState = 'new';
  onconnectionstatechange: (() => void) | null = null;
  ontrack: unknown = null;
  closed = false;
  readonly config: RTCConfiguration;
  constructor(config: RTCConfiguration) {
    this.config = config;
    FakePeerConnection.made.push(this);
  }
  addTransceiver(track: { kind: string; id: string }, init: RTCRtpTransceiverInit): FakeTransceiver {
    const t = new FakeTransceiver(init, null);
    (t as unknown as { sent: unknown }).sent = track;
    this.transceivers.push(t);
    return t;
  }
  async createOffer(options: RTCOfferOptions = {}) {
    this.offers.push(options);
    return { type: 'offer' as const, sdp: `offer-${this.offers.length}${options.iceRestart ? '-restart' : ''}\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 98\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:98 VP9/90000\r\n` };
  }
  async createAnswer() {
    return { type: 'answer' as const, sdp: 'answer-sdp' };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.localDescription = d;
    this.transceivers.forEach((t, i) => {
      t.mid ??= String(i);
    });
  }
  /** Subscribe offers in these tests: "mids:0=audio,1=video,!2=video" (! = inactive). */
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remoteDescription = d;
    if (d.type !== 'offer') return;
    for (const part of (d.sdp ?? '').replace('mids:', '').split(',').filter(Boolean)) {
      const inactive = part.startsWith('!');
      const [mid, kind] = part.replace('!', '').split('=') as [string, string];
      let t = this.transceivers.find((x) => x.mid === mid);
      if (t === undefined) {
        t = new FakeTransceiver(null, { kind, id: `track-${mid}` });
        t.mid = mid;
        this.transceivers.push(t);
      }
      t.currentDirection = inactive ? 'inactive' : 'recvonly';
    }
  }
  getTransceivers() {
    return this.transceivers;
  }
  close() {
    this.closed = true;
  }
  setState(state: string) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

/** A MediaStream stand-in for jsdom (which has none). */
export class FakeMediaStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

export class FakeTrack {
  enabled = true;
  stopped = false;
  contentHint = '';
  readonly kind: 'audio' | 'video';
  readonly id: string;
  constructor(kind: 'audio' | 'video', id: string) {
    this.kind = kind;
    this.id = id;
  }
  stop() {
    this.stopped = true;
  }
  getSettings() {
    return { deviceId: `${this.id}-device` };
  }
  addEventListener() {}
}
