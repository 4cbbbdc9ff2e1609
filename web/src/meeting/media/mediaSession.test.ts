import { describe, expect, it, vi } from 'vitest';
import type { SubscribedTrack } from '../../protocol/types';
import { MediaSession, type MediaSignaling } from './mediaSession';
import type { RemoteRecord } from './tracks';

/** A test double of RTCPeerConnection: enough of the API for the session's offer/answer logic. */
class FakeTransceiver {
  mid: string | null = null;
  direction: RTCRtpTransceiverDirection;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  readonly sender = { replaceTrack: vi.fn(async (_t: unknown) => {}) };
  readonly receiver: { track: { kind: string; id: string } | null };
  readonly setCodecPreferences = vi.fn();
  readonly init: RTCRtpTransceiverInit | null;
  constructor(init: RTCRtpTransceiverInit | null, track: { kind: string; id: string } | null) {
    this.init = init;
    this.direction = init?.direction ?? 'recvonly';
    this.receiver = { track };
  }
}

class FakePeerConnection {
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

function setup(options: { capabilities?: RTCRtpCapabilities | null } = {}) {
  FakePeerConnection.made = [];
  const signaling = {
    publish: vi.fn(async (_f: Parameters<MediaSignaling['publish']>[0]) => 'answer-from-server'),
    subscribeAnswer: vi.fn(),
    restartSubscribe: vi.fn(),
  };
  const remote: [RemoteRecord, unknown][] = [];
  const videoMidsSeen: Map<string, string>[] = [];
  const states: string[] = [];
  const errors: unknown[] = [];
  const session = new MediaSession({
    signaling,
    iceServers: () => [{ urls: ['turn:turn.example:3478'], username: 'u', credential: 'c' }],
    createPeerConnection: (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection,
    senderCapabilities: () =>
      options.capabilities === undefined
        ? ({ codecs: [{ mimeType: 'video/VP9', clockRate: 90000 }, { mimeType: 'video/VP8', clockRate: 90000 }, { mimeType: 'video/rtx', clockRate: 90000 }], headerExtensions: [] } as RTCRtpCapabilities)
        : options.capabilities,
    onRemoteTrack: (rec, track) => remote.push([rec, track]),
    onVideoMids: (m) => videoMidsSeen.push(m),
    onConnectionState: (c, s) => states.push(`${c}:${s}`),
    onError: (_w, e) => errors.push(e),
  });
  return { session, signaling, remote, videoMidsSeen, states, errors };
}

const mic = { kind: 'audio', id: 'mic', contentHint: '' } as unknown as MediaStreamTrack;
const cam = { kind: 'video', id: 'cam', contentHint: '' } as unknown as MediaStreamTrack;
const screen = { kind: 'video', id: 'screen', contentHint: '' } as unknown as MediaStreamTrack;

describe('MediaSession publish', () => {
  it('offers microphone and simulcast VP8 camera, names their mids, applies the answer', async () => {
    const { session, signaling, states } = setup();
    await session.publish({ microphone: mic, camera: cam }, null);
    const pc = FakePeerConnection.made[0];
    if (pc === undefined) throw new Error('no pc');
    expect(pc.config).toMatchObject({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    expect(pc.config.iceServers?.[0]?.urls).toEqual(['turn:turn.example:3478']);
    const [tMic, tCam] = pc.transceivers;
    expect(tMic?.init?.sendEncodings).toBeUndefined();
    expect(tCam?.init?.sendEncodings?.map((e) => e.rid)).toEqual(['q', 'h', 'f']);
    expect(tCam?.init?.direction).toBe('sendonly');
    expect(tCam?.setCodecPreferences).toHaveBeenCalledWith([
      { mimeType: 'video/VP8', clockRate: 90000 },
      { mimeType: 'video/rtx', clockRate: 90000 },
    ]);
    expect(cam.contentHint).toBe('motion');
    expect(signaling.publish).toHaveBeenCalledWith(expect.objectContaining({ microphone: '0', camera: '1' }));
    expect(signaling.publish.mock.calls[0]?.[0].sdp).toContain('VP9'); // not munged: preferences did it
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-from-server' });
    expect(session.isPublishing('camera')).toBe(true);
    expect(states).toEqual(['publish:new']);
  });

  it('replaces tracks without renegotiating; unpublishing leaves the source out of the next offer', async () => {
    const { session, signaling } = setup();
    await session.publish({ microphone: mic, camera: cam }, null);
    const pc = FakePeerConnection.made[0];
    await session.replaceTrack('camera', null);
    expect(pc?.transceivers[1]?.sender.replaceTrack).toHaveBeenCalledWith(null);
    expect(signaling.publish).toHaveBeenCalledTimes(1);
    await expect(session.replaceTrack('screen', screen)).rejects.toThrow(/not publishing/);

    await session.publish({ screen }, null);
    expect(screen.contentHint).toBe('detail');
    expect(pc?.transceivers[2]?.init?.sendEncodings).toHaveLength(1);
    expect(signaling.publish).toHaveBeenLastCalledWith(expect.objectContaining({ microphone: '0', camera: '1', screen: '2' }));

    await session.publish({ screen: null }, null);
    expect(pc?.transceivers[2]?.direction).toBe('inactive');
    const last = signaling.publish.mock.calls.at(-1)?.[0];
    expect(last).not.toHaveProperty('screen');
    // Sharing again reuses the section.
    await session.publish({ screen }, null);
    expect(pc?.transceivers).toHaveLength(3);
    expect(signaling.publish).toHaveBeenLastCalledWith(expect.objectContaining({ screen: '2' }));
  });

  it('munges the offer to VP8 without setCodecPreferences support', async () => {
    const { session, signaling } = setup({ capabilities: null });
    await session.publish({ camera: cam }, null);
    const sdp = signaling.publish.mock.calls[0]?.[0].sdp ?? '';
    expect(sdp).toContain('VP8');
    expect(sdp).not.toContain('VP9');
  });

  it('restarts ICE with a new offer and asks for a new subscribe offer', async () => {
    const { session, signaling } = setup();
    await session.publish({ microphone: mic }, null);
    await session.restart('both');
    expect(signaling.restartSubscribe).toHaveBeenCalledTimes(1);
    expect(FakePeerConnection.made[0]?.offers.at(-1)).toEqual({ iceRestart: true });
    expect(signaling.publish.mock.calls.at(-1)?.[0].sdp).toContain('-restart');
  });

  it('restarts a failed connection by itself (not more often than every 10 s)', async () => {
    const { session, signaling } = setup();
    await session.publish({ microphone: mic }, null);
    const pc = FakePeerConnection.made[0];
    pc?.setState('failed');
    await vi.waitFor(() => expect(signaling.publish).toHaveBeenCalledTimes(2));
    pc?.setState('failed');
    await Promise.resolve();
    expect(signaling.publish).toHaveBeenCalledTimes(2);
  });
});

describe('MediaSession subscribe', () => {
  const tracks = (...list: [string, string, SubscribedTrack['source'], SubscribedTrack['kind']][]): SubscribedTrack[] =>
    list.map(([mid, participant_id, source, kind]) => ({ mid, participant_id, source, kind }));

  it('answers each offer with its version and maps mids to participants', async () => {
    const { session, signaling, remote, videoMidsSeen } = setup();
    await session.handleSubscribeOffer({
      message: 'subscribe_offer',
      sdp: 'mids:0=audio,1=video',
      version: 1,
      tracks: tracks(['0', 'alice', 'microphone', 'audio'], ['1', 'alice', 'camera', 'video']),
    });
    expect(signaling.subscribeAnswer).toHaveBeenCalledWith('answer-sdp', 1);
    expect(remote.map(([r, t]) => [r.participantId, r.source, (t as { id: string }).id])).toEqual([
      ['alice', 'microphone', 'track-0'],
      ['alice', 'camera', 'track-1'],
    ]);
    expect([...(videoMidsSeen.at(-1) ?? [])]).toEqual([['alice/camera', '1']]);

    // Alice's camera goes (section inactive), Bob's screen comes.
    await session.handleSubscribeOffer({
      message: 'subscribe_offer',
      sdp: 'mids:0=audio,!1=video,2=video',
      version: 2,
      tracks: tracks(['0', 'alice', 'microphone', 'audio'], ['2', 'bob', 'screen', 'video']),
    });
    expect(signaling.subscribeAnswer).toHaveBeenLastCalledWith('answer-sdp', 2);
    expect(remote.slice(2).map(([r, t]) => [r.participantId, r.source, t === null ? null : 'track'])).toEqual([
      ['alice', 'camera', null],
      ['bob', 'screen', 'track'],
    ]);
    expect([...(videoMidsSeen.at(-1) ?? [])]).toEqual([['bob/screen', '2']]);
    expect(FakePeerConnection.made).toHaveLength(1);
  });

  it('applies offers one at a time and ends every track on close', async () => {
    const { session, signaling, remote } = setup();
    const order: number[] = [];
    signaling.subscribeAnswer.mockImplementation((_sdp: string, version: number) => order.push(version));
    const a = session.handleSubscribeOffer({ message: 'subscribe_offer', sdp: 'mids:0=audio', version: 1, tracks: tracks(['0', 'a', 'microphone', 'audio']) });
    const b = session.handleSubscribeOffer({ message: 'subscribe_offer', sdp: 'mids:0=audio,1=video', version: 2, tracks: tracks(['0', 'a', 'microphone', 'audio'], ['1', 'a', 'camera', 'video']) });
    await Promise.all([a, b]);
    expect(order).toEqual([1, 2]);
    session.close();
    expect(remote.filter(([, t]) => t === null)).toHaveLength(2);
    expect(FakePeerConnection.made[0]?.closed).toBe(true);
  });
});
