/**
 * One signaling WebSocket: opens with the plenum.v1 subprotocol and a ticket or resumption
 * token, sends commands with ids, correlates replies and errors by id, keeps the connection
 * alive with control/ping and notices a dead one, and reports how it closed (once).
 */
import type { ErrorCode, ServerFrame } from '../../protocol/types';
import { CommandError, RequestFailedError } from '../errors';
import { classifyClose, type CloseDecision } from './close';
import { decodeFrame, encodeFrame, type CommandOf, type Namespace } from './envelope';

export const SUBPROTOCOL = 'plenum.v1';

export type Credential = { readonly ticket: string } | { readonly resume: string };

/** The parts of the browser's WebSocket this client uses (a test double implements them). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

export const browserWebSocket: WebSocketFactory = (url, protocols) => new WebSocket(url, protocols);

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  readonly opened: boolean;
  readonly decision: CloseDecision;
}

export interface ConnectionOptions {
  readonly url: string;
  readonly credential: Credential;
  readonly createWebSocket?: WebSocketFactory;
  readonly onFrame: (frame: ServerFrame) => void;
  /** An error frame for a command sent without waiting for a reply (or without an id). */
  readonly onCommandError?: (error: CommandError) => void;
  readonly onClose: (info: CloseInfo) => void;
  readonly requestTimeoutMs?: number;
  /** control/ping interval while open. */
  readonly heartbeatIntervalMs?: number;
  /** Closed as dead when nothing arrived for this long. */
  readonly heartbeatTimeoutMs?: number;
  /** How long an error for a fire-and-forget command is attributed to it. */
  readonly commandErrorWindowMs?: number;
}

const OPEN = 1;

interface Pending {
  readonly namespace: string;
  readonly action: string;
  readonly expect: string | null;
  readonly resolve: (payload: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Close code this client uses when it gives up on a silent connection (not sent by servers). */
export const HEARTBEAT_CLOSE_CODE = 4000;

export class SignalingConnection {
  private readonly o: ConnectionOptions;
  private ws: WebSocketLike | null = null;
  private opened = false;
  private finished = false;
  private seq = 0;
  private lastReceived = 0;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(options: ConnectionOptions) {
    this.o = options;
  }

  get isOpen(): boolean {
    return this.ws !== null && this.ws.readyState === OPEN && !this.finished;
  }

  /** Resolves once the WebSocket is open; rejects (and reports onClose) when it closes first. */
  open(): Promise<void> {
    const credential = 'ticket' in this.o.credential ? `ticket.${this.o.credential.ticket}` : `resume.${this.o.credential.resume}`;
    const create = this.o.createWebSocket ?? browserWebSocket;
    return new Promise((resolve, reject) => {
      let ws: WebSocketLike;
      try {
        ws = create(this.o.url, [SUBPROTOCOL, credential]);
      } catch (e) {
        this.finish(1006, e instanceof Error ? e.message : String(e));
        reject(new RequestFailedError('not_connected', 'signaling'));
        return;
      }
      this.ws = ws;
      ws.onopen = () => {
        this.opened = true;
        this.lastReceived = Date.now();
        this.startHeartbeat();
        resolve();
      };
      ws.onmessage = (ev) => {
        this.lastReceived = Date.now();
        const frame = decodeFrame(ev.data);
        if (frame !== null) this.receive(frame);
      };
      ws.onclose = (ev) => {
        if (!this.opened) reject(new RequestFailedError('closed', 'signaling'));
        this.finish(ev.code, ev.reason);
      };
      ws.onerror = () => {
        // onclose follows with the code.
      };
    });
  }

  /** Sends a command; resolves once sent. A later error frame goes to onCommandError. */
  command<N extends Namespace>(namespace: N, payload: CommandOf<N>): string {
    const id = this.nextId(payload.action);
    const window = this.o.commandErrorWindowMs ?? 10_000;
    const timer = setTimeout(() => this.pending.delete(id), window);
    this.dispatch(namespace, payload, id, {
      expect: null,
      resolve: () => {},
      reject: (e) => {
        if (e instanceof CommandError) this.o.onCommandError?.(e);
      },
      timer,
    });
    return id;
  }

  /**
   * Sends a command and resolves with the payload of the reply event `expect` carrying the same
   * id; rejects with CommandError on an error frame, RequestFailedError on timeout or close.
   */
  request<N extends Namespace>(
    namespace: N,
    payload: CommandOf<N>,
    expect: string,
    timeoutMs: number = this.o.requestTimeoutMs ?? 10_000,
  ): Promise<unknown> {
    const id = this.nextId(payload.action);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new RequestFailedError('timeout', `${namespace}/${payload.action}`));
      }, timeoutMs);
      try {
        this.dispatch(namespace, payload, id, { expect, resolve, reject, timer });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Closes from this side; onClose reports the given code (1000 ends the meeting). */
  close(code = 1000, reason = ''): void {
    const ws = this.ws;
    if (ws !== null && !this.finished) {
      try {
        ws.close(code, reason);
      } catch {
        // Already closing.
      }
    }
    this.finish(code, reason);
  }

  private nextId(action: string): string {
    this.seq += 1;
    return `${action.slice(0, 24)}-${this.seq}`;
  }

  /** Registers the reply handling of `id` and sends; when sending fails, forgets it and throws. */
  private dispatch(
    namespace: Namespace,
    payload: CommandOf<Namespace>,
    id: string,
    handling: Omit<Pending, 'namespace' | 'action'>,
  ): void {
    this.pending.set(id, { namespace, action: payload.action, ...handling });
    try {
      this.transmit(namespace, payload, id);
    } catch (e) {
      clearTimeout(handling.timer);
      this.pending.delete(id);
      throw e;
    }
  }

  private transmit(namespace: Namespace, payload: CommandOf<Namespace>, id: string): void {
    if (!this.isOpen || this.ws === null) throw new RequestFailedError('not_connected', `${namespace}/${payload.action}`);
    this.ws.send(encodeFrame(namespace, payload, id));
  }

  private receive(frame: ServerFrame): void {
    const payload = frame.payload;
    const entry = frame.id !== undefined ? this.pending.get(frame.id) : undefined;
    if (payload.message === 'error') {
      const error = new CommandError(
        frame.namespace,
        entry?.action ?? '',
        payload.code as ErrorCode,
        payload.text,
        payload.field,
      );
      if (entry !== undefined && frame.id !== undefined) {
        clearTimeout(entry.timer);
        this.pending.delete(frame.id);
        entry.reject(error);
      } else {
        this.o.onCommandError?.(error);
      }
      return;
    }
    if (entry !== undefined && frame.id !== undefined && entry.expect === payload.message) {
      clearTimeout(entry.timer);
      this.pending.delete(frame.id);
      entry.resolve(payload);
    }
    if (payload.message === 'pong' && frame.namespace === 'control') return;
    this.o.onFrame(frame);
  }

  private startHeartbeat(): void {
    const interval = this.o.heartbeatIntervalMs ?? 10_000;
    const timeout = this.o.heartbeatTimeoutMs ?? 25_000;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastReceived > timeout) {
        // A half-dead socket may take minutes to report its close: give up on it now.
        const ws = this.ws;
        this.finish(HEARTBEAT_CLOSE_CODE, 'heartbeat timeout');
        try {
          ws?.close(HEARTBEAT_CLOSE_CODE, 'heartbeat timeout');
        } catch {
          // Ignore.
        }
        return;
      }
      try {
        this.transmit('control', { action: 'ping' }, this.nextId('ping'));
      } catch {
        // Not open: onclose follows.
      }
    }, interval);
  }

  private finish(code: number, reason: string): void {
    if (this.finished) return;
    this.finished = true;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.ws !== null) {
      this.ws.onopen = null;
      this.ws.onmessage = null;
      this.ws.onclose = null;
      this.ws.onerror = null;
    }
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      if (entry.expect !== null) entry.reject(new RequestFailedError('closed', `${entry.namespace}/${entry.action}`));
    }
    this.pending.clear();
    const resuming = 'resume' in this.o.credential;
    this.o.onClose({ code, reason, opened: this.opened, decision: classifyClose(code, reason, this.opened, resuming) });
  }
}
