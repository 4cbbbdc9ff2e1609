import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError, RequestFailedError } from '../errors';
import { fakeSockets } from '../testing/fakeWebSocket';
import { SignalingClient } from './client';
import { classifyClose } from './close';
import { HEARTBEAT_CLOSE_CODE, SignalingConnection, type CloseInfo } from './connection';
import { decodeFrame, encodeFrame } from './envelope';
import { clearResumption, loadResumption, saveResumption } from './resumption';

describe('envelope', () => {
  it('encodes commands with and without id', () => {
    expect(JSON.parse(encodeFrame('hands', { action: 'raise' }))).toEqual({ namespace: 'hands', payload: { action: 'raise' } });
    expect(JSON.parse(encodeFrame('chat', { action: 'clear' }, 'x-1'))).toEqual({
      namespace: 'chat',
      id: 'x-1',
      payload: { action: 'clear' },
    });
    expect(() => encodeFrame('chat', { action: 'clear' }, 'x'.repeat(65))).toThrow(RangeError);
  });

  it('decodes valid server frames and refuses malformed ones', () => {
    const ok = '{"namespace":"control","timestamp":5,"payload":{"message":"pong"}}';
    expect(decodeFrame(ok)).toEqual({ namespace: 'control', timestamp: 5, payload: { message: 'pong' } });
    expect(decodeFrame('not json')).toBeNull();
    expect(decodeFrame('[]')).toBeNull();
    expect(decodeFrame('{"namespace":"nope","timestamp":5,"payload":{"message":"x"}}')).toBeNull();
    // Every namespace of the protocol passes (the speaker queue's came later than the others).
    for (const ns of ['legal_vote', 'points_of_order', 'speakers']) {
      expect(decodeFrame(`{"namespace":"${ns}","timestamp":5,"payload":{"message":"x"}}`)?.namespace).toBe(ns);
    }
    expect(decodeFrame('{"namespace":"control","payload":{"message":"pong"}}')).toBeNull();
    expect(decodeFrame('{"namespace":"control","timestamp":5,"payload":{}}')).toBeNull();
    expect(decodeFrame('{"namespace":"control","id":7,"timestamp":5,"payload":{"message":"pong"}}')).toBeNull();
    expect(decodeFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('close codes', () => {
  it('maps the server close codes and reasons', () => {
    expect(classifyClose(1000, 'left', true, false)).toEqual({ action: 'end', reason: 'left' });
    expect(classifyClose(1001, 'server shutting down', true, false)).toEqual({ action: 'end', reason: 'server_shutdown' });
    expect(classifyClose(1008, 'kicked', true, false)).toEqual({ action: 'end', reason: 'kicked' });
    expect(classifyClose(1008, 'banned', true, false)).toEqual({ action: 'end', reason: 'banned' });
    expect(classifyClose(1008, 'banned from this meeting', true, false)).toEqual({ action: 'end', reason: 'banned' });
    expect(classifyClose(1008, 'debriefed', true, false)).toEqual({ action: 'end', reason: 'debriefed' });
    expect(classifyClose(1008, 'room full', true, false)).toEqual({ action: 'end', reason: 'room_full' });
    expect(classifyClose(1008, 'room closed', true, false)).toEqual({ action: 'end', reason: 'room_closed' });
    expect(classifyClose(1008, 'room closed: time_limit', true, false)).toEqual({ action: 'end', reason: 'time_limit' });
    expect(classifyClose(1008, 'room closed: ended_by_moderator', true, false)).toEqual({
      action: 'end',
      reason: 'ended_by_moderator',
    });
    expect(classifyClose(1008, 'resumption no longer possible: join again', true, true)).toEqual({
      action: 'end',
      reason: 'resume_failed',
    });
    expect(classifyClose(1009, '', true, false)).toEqual({ action: 'end', reason: 'protocol_error' });
    expect(classifyClose(4009, 'resumed on another connection', true, false)).toEqual({ action: 'end', reason: 'replaced' });
    expect(classifyClose(4008, 'too slow', true, false)).toEqual({ action: 'resume', cause: 'too_slow' });
    expect(classifyClose(1006, '', true, false).action).toBe('resume');
    // A refused ticket: HTTP 401 before the upgrade.
    expect(classifyClose(1006, '', false, false)).toEqual({ action: 'end', reason: 'rejected' });
    expect(classifyClose(1006, '', false, true).action).toBe('resume');
  });
});

describe('SignalingConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(credential: { ticket: string } | { resume: string } = { ticket: 'T1' }) {
    const ws = fakeSockets();
    const frames: unknown[] = [];
    const closes: CloseInfo[] = [];
    const commandErrors: CommandError[] = [];
    const conn = new SignalingConnection({
      url: 'wss://example.test/api/v1/signaling',
      credential,
      createWebSocket: ws.create,
      onFrame: (f) => frames.push(f),
      onClose: (c) => closes.push(c),
      onCommandError: (e) => commandErrors.push(e),
      requestTimeoutMs: 1000,
      heartbeatIntervalMs: 1000,
      heartbeatTimeoutMs: 2500,
    });
    return { ws, conn, frames, closes, commandErrors };
  }

  it('opens with the plenum.v1 subprotocol and the ticket or resumption token', async () => {
    const a = setup({ ticket: 'T1' });
    const opened = a.conn.open();
    expect(a.ws.last().url).toBe('wss://example.test/api/v1/signaling');
    expect(a.ws.last().protocols).toEqual(['plenum.v1', 'ticket.T1']);
    a.ws.last().serverOpen();
    await opened;
    expect(a.conn.isOpen).toBe(true);

    const b = setup({ resume: 'R9' });
    void b.conn.open();
    expect(b.ws.last().protocols).toEqual(['plenum.v1', 'resume.R9']);
  });

  it('rejects open() and reports the close when refused before the upgrade', async () => {
    const { ws, conn, closes } = setup();
    const opened = conn.open();
    ws.last().serverClose(1006);
    await expect(opened).rejects.toBeInstanceOf(RequestFailedError);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.decision).toEqual({ action: 'end', reason: 'rejected' });
  });

  it('correlates replies by id and still dispatches them as events', async () => {
    const { ws, conn, frames } = setup();
    const opened = conn.open();
    ws.last().serverOpen();
    await opened;
    const reply = conn.request('chat', { action: 'history', conversation: 'everyone', limit: 10 }, 'history');
    const sent = ws.last().lastFrame();
    expect(sent.namespace).toBe('chat');
    expect(sent.payload).toEqual({ action: 'history', conversation: 'everyone', limit: 10 });
    expect(typeof sent.id).toBe('string');
    // Another frame with a different id does not settle it.
    ws.last().serverSend({ namespace: 'chat', id: 'other', payload: { message: 'history', conversation: 'x', messages: [], more: false } });
    ws.last().serverSend({ namespace: 'chat', id: sent.id, payload: { message: 'history', conversation: 'everyone', messages: [], more: true } });
    await expect(reply).resolves.toEqual({ message: 'history', conversation: 'everyone', messages: [], more: true });
    expect(frames).toHaveLength(2);
  });

  it('turns an error frame into a CommandError with the protocol code', async () => {
    const { ws, conn } = setup();
    const opened = conn.open();
    ws.last().serverOpen();
    await opened;
    const reply = conn.request('chat', { action: 'search', query: 'ab', limit: 5 }, 'search_results');
    const id = ws.last().lastFrame().id;
    ws.last().serverSend({ namespace: 'chat', id, payload: { message: 'error', code: 'rate_limited', text: 'slow down' } });
    const error = await reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: 'rate_limited', namespace: 'chat', action: 'search' });
  });

  it('reports errors of fire-and-forget commands and times out requests', async () => {
    const { ws, conn, commandErrors } = setup();
    const opened = conn.open();
    ws.last().serverOpen();
    await opened;
    conn.command('moderation', { action: 'kick', participant_id: 'p' });
    const id = ws.last().lastFrame().id;
    ws.last().serverSend({ namespace: 'moderation', id, payload: { message: 'error', code: 'forbidden', text: 'no', field: 'participant_id' } });
    expect(commandErrors).toHaveLength(1);
    expect(commandErrors[0]).toMatchObject({ code: 'forbidden', action: 'kick', field: 'participant_id' });

    const reply = conn.request('media', { action: 'publish', sdp: 'v=0' }, 'publish_answer');
    vi.advanceTimersByTime(1001);
    await expect(reply).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('sends control/ping as heartbeat and gives up on a silent connection', async () => {
    const { ws, conn, closes } = setup();
    const opened = conn.open();
    ws.last().serverOpen();
    await opened;
    vi.advanceTimersByTime(1000);
    expect(ws.last().lastFrame()).toMatchObject({ namespace: 'control', payload: { action: 'ping' } });
    // A pong keeps it alive and is not dispatched.
    ws.last().serverSend({ namespace: 'control', id: ws.last().lastFrame().id, payload: { message: 'pong' } });
    vi.advanceTimersByTime(2000);
    expect(closes).toHaveLength(0);
    vi.advanceTimersByTime(2000);
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ code: HEARTBEAT_CLOSE_CODE, decision: { action: 'resume' } });
    expect(ws.last().closedWith?.code).toBe(HEARTBEAT_CLOSE_CODE);
  });

  it('rejects pending requests when the connection closes, and reports the close once', async () => {
    const { ws, conn, closes } = setup();
    const opened = conn.open();
    ws.last().serverOpen();
    await opened;
    const reply = conn.request('media', { action: 'publish', sdp: 'v=0' }, 'publish_answer');
    ws.last().serverClose(1008, 'kicked');
    await expect(reply).rejects.toMatchObject({ kind: 'closed' });
    conn.close();
    expect(closes).toHaveLength(1);
    expect(closes[0]?.decision).toEqual({ action: 'end', reason: 'kicked' });
    expect(() => conn.command('hands', { action: 'raise' })).toThrow(RequestFailedError);
  });
});

describe('SignalingClient reconnection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const ws = fakeSockets();
    const statuses: string[] = [];
    const ends: string[] = [];
    const frames: unknown[] = [];
    const client = new SignalingClient({
      url: 'wss://x/s',
      createWebSocket: ws.create,
      onFrame: (f) => frames.push(f),
      onStatus: (s) => statuses.push(s),
      onEnd: (r) => ends.push(r),
      backoffMs: () => 1000,
      resumptionWindowMs: 5000,
      heartbeatIntervalMs: 60_000,
    });
    return { ws, client, statuses, ends, frames };
  }

  async function joined(t: ReturnType<typeof setup>) {
    const c = t.client.connect({ ticket: 'T' });
    t.ws.last().serverOpen();
    await c;
    t.ws.last().serverSend({ namespace: 'control', payload: { message: 'pong' } });
    t.client.setResumptionToken('TOKEN-1');
  }

  it('resumes with the latest token after an unexpected drop', async () => {
    const t = setup();
    await joined(t);
    t.ws.last().serverClose(1006);
    expect(t.statuses).toEqual(['connecting', 'open', 'reconnecting']);
    vi.advanceTimersByTime(1000);
    expect(t.ws.sockets).toHaveLength(2);
    expect(t.ws.last().protocols).toEqual(['plenum.v1', 'resume.TOKEN-1']);
    t.ws.last().serverOpen();
    await Promise.resolve();
    expect(t.statuses[t.statuses.length - 1]).toBe('open');
    expect(t.ends).toEqual([]);
  });

  it('retries with backoff and gives up after the resumption window', async () => {
    const t = setup();
    await joined(t);
    t.ws.last().serverClose(1006);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1000);
      t.ws.last().serverClose(1006);
    }
    expect(t.ends).toEqual(['connection_lost']);
    // The first socket, then attempts at 1, 2, 3, 4 and 5 s (6 s would be past the window).
    expect(t.ws.sockets.length).toBe(6);
  });

  it('ends without retrying on kick, replacement or a refused resumption', async () => {
    const t = setup();
    await joined(t);
    t.ws.last().serverClose(4009, 'resumed on another connection');
    expect(t.ends).toEqual(['replaced']);
    vi.advanceTimersByTime(10_000);
    expect(t.ws.sockets).toHaveLength(1);

    const u = setup();
    await joined(u);
    u.ws.last().serverClose(1006);
    vi.advanceTimersByTime(1000);
    u.ws.last().serverOpen();
    u.ws.last().serverClose(1008, 'resumption no longer possible: join again');
    expect(u.ends).toEqual(['resume_failed']);
  });

  it('leave() sends control/leave and closes with 1000, without onEnd', async () => {
    const t = setup();
    await joined(t);
    const ws = t.ws.last();
    t.client.leave();
    expect(ws.frames().some((f) => f.namespace === 'control' && f.payload.action === 'leave')).toBe(true);
    expect(ws.closedWith?.code).toBe(1000);
    expect(t.ends).toEqual([]);
    expect(t.statuses[t.statuses.length - 1]).toBe('closed');
  });
});

describe('resumption storage', () => {
  it('keeps a token per room in sessionStorage until the window has passed', () => {
    const value = {
      token: 'abc',
      signalingUrl: 'wss://x',
      participantId: 'p',
      savedAt: 1_000_000,
      microphoneEnabled: true,
      cameraEnabled: false,
    };
    saveResumption('r1', value);
    expect(loadResumption('r1', 1_000_000 + 59_000)).toEqual(value);
    expect(loadResumption('r2', 1_000_000)).toBeNull();
    expect(loadResumption('r1', 1_000_000 + 61_000)).toBeNull();
    clearResumption('r1');
    expect(loadResumption('r1', 1_000_000)).toBeNull();
    window.sessionStorage.setItem('plenum.resume.r3', '{"token": 5}');
    expect(loadResumption('r3', 0)).toBeNull();
  });
});
