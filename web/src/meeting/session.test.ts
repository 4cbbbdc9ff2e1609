import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MeetingError } from './errors';
import {
  actions,
  getMeetingState,
  hasResumableMeeting,
  isVideoPaused,
  joinMeeting,
  leaveMeeting,
  resumeMeeting,
  selectDownlinkEstimate,
  selectPausedVideoCount,
} from './index';
import { setSessionEnvironment } from './session';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from './testing/fakePeerConnection';
import { fakeSockets } from './testing/fakeWebSocket';
import { ALICE, joinSuccess, ROOM, SELF } from './testing/fixtures';

function setup() {
  const ws = fakeSockets();
  setSessionEnvironment({ signaling: { createWebSocket: ws.create, backoffMs: () => 100, resumptionWindowMs: 5000 } });
  return ws;
}

async function join(ws: ReturnType<typeof fakeSockets>) {
  const result = joinMeeting({
    roomId: ROOM,
    signalingUrl: 'wss://x/api/v1/signaling',
    ticket: 'T1',
    localStream: null,
    microphoneEnabled: false,
    cameraEnabled: false,
  });
  ws.last().serverOpen();
  await Promise.resolve();
  return result;
}

describe('meeting session', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
  });
  afterEach(() => {
    leaveMeeting();
    setSessionEnvironment({});
    vi.useRealTimers();
  });

  it('joins with a ticket, stores the resumption token, leaves', async () => {
    const ws = setup();
    const result = join(ws);
    expect(getMeetingState().phase).toBe('connecting');
    expect(ws.last().protocols).toEqual(['plenum.v1', 'ticket.T1']);
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess() });
    await expect(result).resolves.toEqual({ phase: 'joined', participantId: SELF });
    expect(getMeetingState().phase).toBe('joined');
    expect(hasResumableMeeting(ROOM)).toBe(true);

    leaveMeeting();
    expect(ws.last().frames().some((f) => f.namespace === 'control' && f.payload.action === 'leave')).toBe(true);
    expect(getMeetingState()).toMatchObject({ phase: 'ended', endReason: 'left' });
    expect(hasResumableMeeting(ROOM)).toBe(false);
  });

  it('resolves in the waiting room and notices the admission', async () => {
    const ws = setup();
    const result = join(ws);
    ws.last().serverSend({
      namespace: 'waiting_room',
      payload: { message: 'waiting', participant_id: SELF, resumption_token: 'w', room_name: 'Weekly' },
    });
    await expect(result).resolves.toEqual({ phase: 'waiting', participantId: SELF });
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess() });
    expect(getMeetingState().phase).toBe('joined');
    expect(getMeetingState().notifications.map((n) => n.code)).toEqual(['admitted']);
  });

  it('rejects with the reason when the room is full or the ticket is refused', async () => {
    let ws = setup();
    let result = join(ws);
    ws.last().serverClose(1008, 'room full');
    await expect(result).rejects.toEqual(new MeetingError('room_full'));
    expect(getMeetingState()).toMatchObject({ phase: 'ended', endReason: 'room_full' });

    ws = setup();
    result = joinMeeting({ roomId: ROOM, signalingUrl: 'wss://x', ticket: 'old', localStream: null, microphoneEnabled: false, cameraEnabled: false });
    ws.last().serverClose(1006);
    await expect(result).rejects.toMatchObject({ reason: 'rejected' });
  });

  it('ends when kicked', async () => {
    const ws = setup();
    const result = join(ws);
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess() });
    await result;
    ws.last().serverSend({ namespace: 'moderation', payload: { message: 'kicked', by: ALICE, reason: 'banned' } });
    ws.last().serverClose(1008, 'banned');
    expect(getMeetingState()).toMatchObject({ phase: 'ended', endReason: 'banned' });
    expect(hasResumableMeeting(ROOM)).toBe(false);
  });

  it('reconnects with the token after a drop, then a reload resumes the same participant', async () => {
    vi.useFakeTimers();
    const ws = setup();
    const result = join(ws);
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess({ resumption_token: 'R1' }) });
    await result;
    ws.last().serverClose(1006);
    expect(getMeetingState().phase).toBe('reconnecting');
    vi.advanceTimersByTime(100);
    expect(ws.last().protocols).toEqual(['plenum.v1', 'resume.R1']);
    ws.last().serverOpen();
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess({ resumption_token: 'R2' }) });
    expect(getMeetingState().phase).toBe('joined');
    expect(getMeetingState().notifications.map((n) => n.code)).toEqual(['reconnected']);

    // "Reload": a new page finds the token in sessionStorage.
    expect(hasResumableMeeting(ROOM)).toBe(true);
    const resumed = resumeMeeting(ROOM, { localStream: null });
    // The old session left (begin() leaves the previous one) — in a real reload there is none.
    const socket = ws.last();
    expect(socket.protocols[1]?.startsWith('resume.')).toBe(true);
    socket.serverOpen();
    await Promise.resolve();
    await Promise.resolve();
    socket.serverSend({ namespace: 'control', payload: joinSuccess({ resumption_token: 'R3' }) });
    await expect(resumed).resolves.toEqual({ phase: 'joined', participantId: SELF });
  });

  it('resumeMeeting without a stored token fails', async () => {
    setup();
    await expect(resumeMeeting('unknown', { localStream: null })).rejects.toMatchObject({ reason: 'resume_failed' });
  });

  it('actions send protocol commands; refusals become notifications', async () => {
    const ws = setup();
    const result = join(ws);
    ws.last().serverSend({ namespace: 'control', payload: joinSuccess() });
    await result;
    const socket = ws.last();
    await actions.raiseHand();
    await actions.sendChat({ scope: 'private', recipient: ALICE }, 'hi');
    await actions.requestMute('everyone');
    await actions.admit(['w1']);
    await actions.setRole(ALICE, 'user');
    const sent = socket.frames().map((f) => [f.namespace, f.payload]);
    expect(sent).toContainEqual(['hands', { action: 'raise' }]);
    expect(sent).toContainEqual(['chat', { action: 'send', scope: 'private', recipient: ALICE, content: 'hi' }]);
    expect(sent).toContainEqual(['moderation', { action: 'request_mute', participant_ids: [], everyone: true }]);
    expect(sent).toContainEqual(['waiting_room', { action: 'admit', participant_ids: ['w1'] }]);
    expect(getMeetingState().chat.conversations[`private:${ALICE}`]).toBeDefined();

    const id = socket.lastFrame().id;
    socket.serverSend({ namespace: 'moderation', id, payload: { message: 'error', code: 'not_allowed_now', text: 'owner' } });
    expect(getMeetingState().notifications.at(-1)).toMatchObject({
      code: 'action_failed',
      params: { namespace: 'moderation', action: 'set_role', code: 'not_allowed_now' },
    });
    actions.dismissNotification(getMeetingState().notifications.at(-1)?.id ?? -1);
    expect(getMeetingState().notifications).toEqual([]);
  });

  it('chat history and search go through replies; marking seen sends set_last_seen', async () => {
    const ws = setup();
    const result = join(ws);
    ws.last().serverSend({
      namespace: 'control',
      payload: joinSuccess({
        modules: {
          ...joinSuccess().modules,
          chat: {
            enabled: true,
            recent: [{ id: 10, sender: ALICE, sender_name: 'a', scope: 'everyone', content: 'x', sent_at: 1 }],
            last_seen: [],
          },
        },
      }),
    });
    await result;
    const socket = ws.last();
    const history = actions.loadChatHistory('everyone', 20);
    expect(getMeetingState().chat.conversations.everyone?.loadingHistory).toBe(true);
    const h = socket.lastFrame();
    expect(h.payload).toEqual({ action: 'history', conversation: 'everyone', before: 10, limit: 20 });
    socket.serverSend({
      namespace: 'chat',
      id: h.id,
      payload: { message: 'history', conversation: 'everyone', more: false, messages: [{ id: 4, sender: ALICE, sender_name: 'a', scope: 'everyone', content: 'old', sent_at: 0 }] },
    });
    await history;
    expect(getMeetingState().chat.conversations.everyone?.messages.map((m) => m.id)).toEqual([4, 10]);

    const search = actions.searchChat('ol');
    const q = socket.lastFrame();
    socket.serverSend({ namespace: 'chat', id: q.id, payload: { message: 'error', code: 'invalid_field', text: '', field: 'query' } });
    await expect(search).rejects.toMatchObject({ code: 'invalid_field' });
    expect(getMeetingState().chat.search).toBeNull();

    expect(getMeetingState().chat.conversations.everyone?.unread).toBe(2);
    actions.markConversationSeen('everyone');
    expect(socket.lastFrame().payload).toEqual({ action: 'set_last_seen', conversation: 'everyone', message_id: 10 });
    expect(getMeetingState().chat.conversations.everyone?.unread).toBe(0);
  });
});

describe('meeting session with media', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    vi.stubGlobal('MediaStream', FakeMediaStream);
    FakePeerConnection.made = [];
  });
  afterEach(() => {
    leaveMeeting();
    setSessionEnvironment({});
    vi.useRealTimers();
  });

  const withMedia = () =>
    joinSuccess({
      modules: {
        ...joinSuccess().modules,
        media: { available: true, ice_servers: [], publications: [], presenters: [], speaking_times: [] },
      },
    });

  async function joinWithMedia() {
    const ws = fakeSockets();
    setSessionEnvironment({
      signaling: { createWebSocket: ws.create },
      createPeerConnection: (c) => new FakePeerConnection(c) as unknown as RTCPeerConnection,
    });
    const mic = new FakeTrack('audio', 'mic');
    const cam = new FakeTrack('video', 'cam');
    const result = joinMeeting({
      roomId: ROOM,
      signalingUrl: 'wss://x',
      ticket: 'T',
      localStream: new FakeMediaStream([mic, cam]) as unknown as MediaStream,
      microphoneEnabled: true,
      cameraEnabled: true,
    });
    ws.last().serverOpen();
    await Promise.resolve();
    return { ws, socket: ws.last(), mic, cam, result };
  }

  it('after a reload asks for a fresh subscribe connection instead of answering an old offer', async () => {
    const { ws, socket, result } = await joinWithMedia();
    socket.serverSend({ namespace: 'control', payload: withMedia() });
    await result;
    expect(hasResumableMeeting(ROOM)).toBe(true);
    const resumed = resumeMeeting(ROOM, { localStream: null });
    const again = ws.last();
    expect(again).not.toBe(socket);
    again.serverOpen();
    await Promise.resolve();
    again.serverSend({
      namespace: 'media',
      payload: { message: 'subscribe_offer', sdp: 'mids:0=video', version: 7, tracks: [{ mid: '0', participant_id: ALICE, source: 'camera', kind: 'video' }] },
    });
    again.serverSend({ namespace: 'control', payload: withMedia() });
    await resumed;
    await vi.waitFor(() =>
      expect(again.frames().filter((f) => f.payload.action === 'restart_subscribe').map((f) => f.payload)).toEqual([
        { action: 'restart_subscribe', fresh: true },
      ]),
    );
    expect(again.frames().some((f) => f.payload.action === 'subscribe_answer' && f.payload.version === 7)).toBe(false);
  });

  it('applies a subscribe offer that arrives before join_success, publishes mic and camera', async () => {
    const { socket, result } = await joinWithMedia();
    socket.serverSend({
      namespace: 'media',
      payload: {
        message: 'subscribe_offer',
        sdp: 'mids:0=audio,1=video',
        version: 1,
        tracks: [
          { mid: '0', participant_id: ALICE, source: 'microphone', kind: 'audio' },
          { mid: '1', participant_id: ALICE, source: 'camera', kind: 'video' },
        ],
      },
    });
    socket.serverSend({ namespace: 'control', payload: withMedia() });
    await result;
    await vi.waitFor(() => {
      const sent = socket.frames().map((f) => f.payload);
      expect(sent).toContainEqual(expect.objectContaining({ action: 'subscribe_answer', version: 1 }));
      expect(sent).toContainEqual(expect.objectContaining({ action: 'publish', microphone: '0', camera: '1' }));
    });
    expect(getMeetingState().media.local).toMatchObject({ microphone: true, camera: true });
    expect(getMeetingState().media.streamsVersion).toBeGreaterThan(0);
  });

  it('mutes the microphone when a moderator asks, and turns the camera off and on', async () => {
    const { socket, mic, cam, result } = await joinWithMedia();
    socket.serverSend({ namespace: 'control', payload: withMedia() });
    await result;
    const publish = await vi.waitFor(() => {
      const f = socket.frames().find((x) => x.payload.action === 'publish');
      if (f === undefined) throw new Error('no publish yet');
      return f;
    });
    socket.serverSend({ namespace: 'media', id: publish.id, payload: { message: 'publish_answer', sdp: 'answer' } });
    await vi.waitFor(() => expect(FakePeerConnection.made[0]?.remoteDescription).toEqual({ type: 'answer', sdp: 'answer' }));

    socket.serverSend({ namespace: 'moderation', payload: { message: 'mute_requested', by: ALICE } });
    await vi.waitFor(() => expect(socket.lastFrame().payload).toEqual({ action: 'set_muted', source: 'microphone', muted: true }));
    expect(mic.enabled).toBe(false);
    expect(getMeetingState().media.local.microphone).toBe(false);
    expect(getMeetingState().notifications.map((n) => n.code)).toContain('muted_by_moderator');

    await actions.setCameraEnabled(false);
    expect(cam.stopped).toBe(true);
    expect(FakePeerConnection.made[0]?.transceivers[1]?.sender.replaceTrack).toHaveBeenLastCalledWith(null);
    expect(socket.lastFrame().payload).toEqual({ action: 'set_muted', source: 'camera', muted: true });
    expect(getMeetingState().media.local.camera).toBe(false);
  });

  it('applies publish_layers to the camera sender, marks bandwidth-paused videos, sends priority', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { socket, result } = await joinWithMedia();
    socket.serverSend({
      namespace: 'media',
      payload: {
        message: 'subscribe_offer',
        sdp: 'mids:0=audio,1=video',
        version: 1,
        tracks: [
          { mid: '0', participant_id: ALICE, source: 'microphone', kind: 'audio' },
          { mid: '1', participant_id: ALICE, source: 'camera', kind: 'video' },
        ],
      },
    });
    socket.serverSend({ namespace: 'control', payload: withMedia() });
    await result;
    const publish = await vi.waitFor(() => {
      const f = socket.frames().find((x) => x.payload.action === 'publish');
      if (f === undefined) throw new Error('no publish yet');
      return f;
    });
    socket.serverSend({ namespace: 'media', id: publish.id, payload: { message: 'publish_answer', sdp: 'answer' } });
    await vi.waitFor(() => expect(getMeetingState().media.videoMids).toEqual({ [`${ALICE}/camera`]: '1' }));

    // Only the quarter layer of this device's camera (mid 1 of the publish connection) is received.
    socket.serverSend({ namespace: 'media', payload: { message: 'publish_layers', mid: '1', active_rids: ['q'] } });
    expect(getMeetingState().media.publishLayers).toEqual({ '1': ['q'] });
    const publishPc = await vi.waitFor(() => {
      const pc = FakePeerConnection.made.find((x) => x.remoteDescription?.type === 'answer');
      if (pc === undefined) throw new Error('publish answer not applied yet');
      return pc;
    });
    const camera = publishPc.transceivers[1]?.sender;
    await vi.waitFor(() => expect(camera?.active).toEqual([true, false, false]));

    // The downlink is too slow for Alice's camera (mid 1 of the subscribe connection).
    socket.serverSend({ namespace: 'media', payload: { message: 'receive_quality', paused_mids: ['1'], estimate_kbps: 180 } });
    let s = getMeetingState();
    expect(isVideoPaused(s, ALICE, 'camera')).toBe(true);
    expect(isVideoPaused(s, ALICE, 'screen')).toBe(false);
    expect(selectPausedVideoCount(s)).toBe(1);
    expect(selectDownlinkEstimate(s)).toBe(180);
    socket.serverSend({ namespace: 'media', payload: { message: 'receive_quality', paused_mids: [], estimate_kbps: 2500 } });
    s = getMeetingState();
    expect(isVideoPaused(s, ALICE, 'camera')).toBe(false);
    expect(selectDownlinkEstimate(s)).toBe(2500);

    // The pinned / main tile asks for priority high, once.
    actions.setVisibleVideos([{ participantId: ALICE, source: 'camera', width: 1280, height: 720, priority: 'high' }]);
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.lastFrame().payload).toEqual({ action: 'set_receive', mids: ['1'], enabled: true, width: 1280, height: 720, priority: 'high' });
    actions.setVisibleVideos([{ participantId: ALICE, source: 'camera', width: 320, height: 180, priority: 'high' }]);
    await vi.advanceTimersByTimeAsync(300);
    expect(socket.lastFrame().payload).toEqual({ action: 'set_receive', mids: ['1'], enabled: true, width: 320, height: 180 });

    // Sent back to the waiting room: the media session ends, and with it what the server said about it.
    socket.serverSend({
      namespace: 'waiting_room',
      payload: { message: 'waiting', participant_id: SELF, resumption_token: 'w', room_name: 'Weekly' },
    });
    s = getMeetingState();
    expect(s.media.publishLayers).toEqual({});
    expect(s.media.videoMids).toEqual({});
    expect(s.media.receiveQuality).toEqual({ pausedMids: [], estimateKbps: null });
  });

  it('stops visible-video reporting quietly on a server without set_receive', async () => {
    vi.useFakeTimers();
    const { socket, result } = await joinWithMedia();
    socket.serverSend({
      namespace: 'media',
      payload: {
        message: 'subscribe_offer',
        sdp: 'mids:0=video',
        version: 1,
        tracks: [{ mid: '0', participant_id: ALICE, source: 'camera', kind: 'video' }],
      },
    });
    socket.serverSend({ namespace: 'control', payload: withMedia() });
    await result;
    await vi.waitFor(() => expect(socket.frames().some((f) => f.payload.action === 'subscribe_answer')).toBe(true));
    actions.setVisibleVideos([{ participantId: ALICE, source: 'camera', width: 320, height: 180 }]);
    vi.advanceTimersByTime(300);
    const report = socket.lastFrame();
    expect(report.payload).toEqual({ action: 'set_receive', mids: ['0'], enabled: true, width: 320, height: 180 });
    socket.serverSend({ namespace: 'media', id: report.id, payload: { message: 'error', code: 'unknown_action', text: '' } });
    expect(getMeetingState().notifications.filter((n) => n.code === 'action_failed')).toEqual([]);
    const count = socket.frames().length;
    actions.setVisibleVideos([]);
    vi.advanceTimersByTime(300);
    expect(socket.frames().length).toBe(count);
  });
});
