/** A test double of the browser WebSocket for the signaling tests (used by *.test.ts only). */
import type { ServerFrame } from '../../protocol/types';
import type { WebSocketFactory, WebSocketLike } from '../signaling/connection';

export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  protocol = '';
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;

  readonly url: string;
  readonly protocols: string[];

  constructor(url: string, protocols: string[]) {
    this.url = url;
    this.protocols = protocols;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 2;
  }

  // --- driven by the test ---

  serverOpen(): void {
    this.readyState = 1;
    this.protocol = 'plenum.v1';
    this.onopen?.(new Event('open'));
  }

  serverSend(frame: Omit<ServerFrame, 'timestamp'> & { timestamp?: number }): void {
    this.serverSendRaw(JSON.stringify({ timestamp: 1_700_000_000_000, ...frame }));
  }

  serverSendRaw(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code, reason }));
  }

  /** The frames the client sent, parsed. */
  frames(): { namespace: string; id?: string; payload: Record<string, unknown> & { action: string } }[] {
    return this.sent.map((s) => JSON.parse(s) as { namespace: string; id?: string; payload: Record<string, unknown> & { action: string } });
  }

  lastFrame(): { namespace: string; id?: string; payload: Record<string, unknown> & { action: string } } {
    const all = this.frames();
    const last = all[all.length - 1];
    if (last === undefined) throw new Error('nothing sent');
    return last;
  }
}

/** A factory that records every socket it makes. */
export function fakeSockets(): { create: WebSocketFactory; sockets: FakeWebSocket[]; last(): FakeWebSocket } {
  const sockets: FakeWebSocket[] = [];
  return {
    sockets,
    create: (url, protocols) => {
      const ws = new FakeWebSocket(url, protocols);
      sockets.push(ws);
      return ws;
    },
    last() {
      const ws = sockets[sockets.length - 1];
      if (ws === undefined) throw new Error('no socket');
      return ws;
    },
  };
}
