import { describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../testing/fakePeerConnection';
import type { SubscribedTrack } from '../../protocol/types';
import { MediaSession, type MediaSignaling } from './mediaSession';
import type { CameraPublishing } from './publish';
import type { RemoteRecord } from './tracks';

function setup(options: { capabilities?: RTCRtpCapabilities | null; cameraPublishing?: CameraPublishing } = {}) {
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
  const errorPlaces: string[] = [];
  const session = new MediaSession({
    signaling,
    iceServers: () => [{ urls: ['turn:turn.example:3478'], username: 'u', credential: 'c' }],
    createPeerConnection: (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection,
    senderCapabilities: () =>
      options.capabilities === undefined
        ? ({ codecs: [{ mimeType: 'video/VP9', clockRate: 90000 }, { mimeType: 'video/VP8', clockRate: 90000 }, { mimeType: 'video/rtx', clockRate: 90000 }], headerExtensions: [] } as RTCRtpCapabilities)
        : options.capabilities,
    ...(options.cameraPublishing !== undefined ? { cameraPublishing: options.cameraPublishing } : {}),
    onRemoteTrack: (rec, track) => remote.push([rec, track]),
    onVideoMids: (m) => videoMidsSeen.push(m),
    onConnectionState: (c, s) => states.push(`${c}:${s}`),
    onError: (w, e) => {
      errors.push(e);
      errorPlaces.push(w);
    },
  });
  return { session, signaling, remote, videoMidsSeen, states, errors, errorPlaces };
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

  it('vp9-svc: the camera as one L3T3_KEY encoding preferring VP9, the screen still VP8', async () => {
    const { session } = setup({ cameraPublishing: 'vp9-svc' });
    await session.publish({ camera: cam, screen }, null);
    const pc = FakePeerConnection.made[0];
    if (pc === undefined) throw new Error('no pc');
    const [tCam, tScreen] = pc.transceivers;
    expect(tCam?.init?.sendEncodings).toEqual([{ scalabilityMode: 'L3T3_KEY', maxBitrate: 2_150_000 }]);
    expect(tCam?.setCodecPreferences).toHaveBeenCalledWith([
      { mimeType: 'video/VP9', clockRate: 90000 },
      { mimeType: 'video/rtx', clockRate: 90000 },
    ]);
    expect(tScreen?.setCodecPreferences).toHaveBeenCalledWith([
      { mimeType: 'video/VP8', clockRate: 90000 },
      { mimeType: 'video/rtx', clockRate: 90000 },
    ]);
  });

  it('av1-svc without AV1 in the capabilities (the default ones here): VP8 simulcast', async () => {
    const { session } = setup({ cameraPublishing: 'av1-svc' });
    await session.publish({ camera: cam }, null);
    const tCam = FakePeerConnection.made[0]?.transceivers[0];
    expect(tCam?.init?.sendEncodings?.map((e) => e.rid)).toEqual(['q', 'h', 'f']);
  });

  it('vp9-svc without VP9 in the capabilities: VP8 simulcast', async () => {
    const { session } = setup({
      cameraPublishing: 'vp9-svc',
      capabilities: { codecs: [{ mimeType: 'video/VP8', clockRate: 90000 }], headerExtensions: [] } as RTCRtpCapabilities,
    });
    await session.publish({ camera: cam }, null);
    const tCam = FakePeerConnection.made[0]?.transceivers[0];
    expect(tCam?.init?.sendEncodings?.map((e) => e.rid)).toEqual(['q', 'h', 'f']);
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

describe('MediaSession publish_layers', () => {
  async function publishing() {
    const ctx = setup();
    await ctx.session.publish({ microphone: mic, camera: cam }, null);
    const pc = FakePeerConnection.made[0];
    const camera = pc?.transceivers[1];
    if (pc === undefined || camera === undefined) throw new Error('no camera transceiver');
    return { ...ctx, pc, camera };
  }

  it('disables the encodings nobody receives and enables them again when listed', async () => {
    const { session, camera, pc } = await publishing();
    expect(camera.mid).toBe('1');
    await session.setPublishLayers('1', ['q']);
    expect(camera.sender.getParameters).toHaveBeenCalled();
    expect(camera.sender.setParameters).toHaveBeenCalledTimes(1);
    expect(camera.sender.setParameters.mock.calls[0]?.[0].encodings.map((e) => [e.rid, e.active])).toEqual([
      ['q', true],
      ['h', false],
      ['f', false],
    ]);
    // The rest of each encoding is what the sender had.
    expect(camera.sender.encodings[2]).toMatchObject({ rid: 'f', maxBitrate: 1_500_000, scaleResolutionDownBy: 1 });
    // The same list again: nothing to set.
    await session.setPublishLayers('1', ['q']);
    expect(camera.sender.setParameters).toHaveBeenCalledTimes(1);
    await session.setPublishLayers('1', ['q', 'h', 'f']);
    expect(camera.sender.active).toEqual([true, true, true]);
    // The microphone's sender is never touched.
    expect(pc.transceivers[0]?.sender.setParameters).not.toHaveBeenCalled();
  });

  it('nobody receives the camera: every encoding off, the track keeps running', async () => {
    const { session, camera, signaling } = await publishing();
    await session.setPublishLayers('1', []);
    expect(camera.sender.active).toEqual([false, false, false]);
    expect(camera.sender.replaceTrack).not.toHaveBeenCalled();
    expect(camera.direction).toBe('sendonly');
    expect(session.isPublishing('camera')).toBe(true);
    expect(signaling.publish).toHaveBeenCalledTimes(1); // no renegotiation
  });

  it('waits for a negotiation in progress and applies the last list again after every renegotiation', async () => {
    const { session, camera, signaling } = await publishing();
    await session.setPublishLayers('1', ['q', 'h']);
    expect(camera.sender.active).toEqual([true, true, false]);

    // The camera is republished (stopped, then started): while the offer is out, a new list
    // waits; once the answer is applied the last list holds, whatever the browser reset.
    await session.publish({ camera: null }, null);
    let answer: (sdp: string) => void = () => {};
    signaling.publish.mockImplementationOnce(() => new Promise<string>((resolve) => (answer = resolve)));
    const republished = session.publish({ camera: cam }, null);
    await vi.waitFor(() => expect(signaling.publish).toHaveBeenCalledTimes(3));
    camera.sender.encodings = camera.sender.encodings.map((e) => ({ ...e, active: true })); // a browser's reset
    const calls = camera.sender.setParameters.mock.calls.length;
    const applied = session.setPublishLayers('1', ['q']);
    await new Promise((r) => setTimeout(r, 0));
    expect(camera.sender.setParameters).toHaveBeenCalledTimes(calls); // not during the negotiation
    answer('answer-from-server');
    await republished;
    await applied;
    expect(camera.sender.active).toEqual([true, false, false]);

    // An ICE restart renegotiates too: the list is applied again (after the same reset).
    camera.sender.encodings = camera.sender.encodings.map((e) => ({ ...e, active: true }));
    await session.restart('publish');
    expect(camera.sender.active).toEqual([true, false, false]);
  });

  it('keeps a list for a mid that is not sending yet and applies it once it is (screen: one encoding)', async () => {
    const { session, pc } = await publishing();
    await session.setPublishLayers('2', []);
    await session.publish({ screen }, null);
    const screenSender = pc.transceivers[2]?.sender;
    expect(pc.transceivers[2]?.mid).toBe('2');
    expect(screenSender?.active).toEqual([false]);
    await session.setPublishLayers('2', ['f']);
    expect(screenSender?.active).toEqual([true]);
  });

  it('reports a refused setParameters as publish_layers and tries again with the next list', async () => {
    const { session, camera, errors, errorPlaces } = await publishing();
    camera.sender.failNext = new Error('InvalidStateError');
    await session.setPublishLayers('1', ['q']);
    expect(errorPlaces).toEqual(['publish_layers']);
    expect(errors).toHaveLength(1);
    expect(camera.sender.active).toEqual([true, true, true]);
    await session.setPublishLayers('1', ['q', 'h']);
    expect(camera.sender.active).toEqual([true, true, false]);
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
