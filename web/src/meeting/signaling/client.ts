/**
 * The signaling client of one meeting: the first connection (ticket or resumption token), and
 * after an unexpected drop new connections with the latest resumption token, with backoff, until
 * the resumption window has passed. Requests and commands go to whichever connection is open.
 */
import type { ServerFrame } from '../../protocol/types';
import type { CommandError } from '../errors';
import { RequestFailedError } from '../errors';
import type { EndReason } from '../types';
import { SignalingConnection, type CloseInfo, type Credential, type WebSocketFactory } from './connection';
import type { CommandOf, EventOf, Namespace } from './envelope';
import { RESUMPTION_WINDOW_MS } from './resumption';

export type SignalingStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SignalingClientOptions {
  readonly url: string;
  readonly createWebSocket?: WebSocketFactory;
  readonly onFrame: (frame: ServerFrame) => void;
  readonly onStatus: (status: SignalingStatus) => void;
  /** The meeting is over for this device (never called after close()). */
  readonly onEnd: (reason: EndReason) => void;
  readonly onCommandError?: (error: CommandError) => void;
  readonly resumptionWindowMs?: number;
  /** Delay before reconnection attempt n (0-based). */
  readonly backoffMs?: (attempt: number) => number;
  readonly requestTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
}

/** 0.25 s, 0.5 s, 1 s, 2 s, 4 s, then every 5 s. */
export function defaultBackoff(attempt: number): number {
  return Math.min(5000, 250 * 2 ** attempt);
}

export class SignalingClient {
  private readonly o: SignalingClientOptions;
  private connection: SignalingConnection | null = null;
  private token: string | null = null;
  private status: SignalingStatus = 'closed';
  private stopped = false;
  private lostAt = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: SignalingClientOptions) {
    this.o = options;
  }

  get currentStatus(): SignalingStatus {
    return this.status;
  }

  /** The latest resumption token (from join_success / waiting); used for reconnecting. */
  setResumptionToken(token: string): void {
    if (token !== '') this.token = token;
  }

  /**
   * Opens the first connection. Resolves when the WebSocket is open; rejects when it closes
   * before (onEnd is not called for that: the caller decides).
   */
  async connect(credential: Credential): Promise<void> {
    if ('resume' in credential) this.token = credential.resume;
    this.setStatus('connecting');
    const connection = this.makeConnection(credential, true);
    this.connection = connection;
    await connection.open();
    if (this.connection === connection) this.setStatus('open');
  }

  command<N extends Namespace>(namespace: N, payload: CommandOf<N>): void {
    const c = this.connection;
    if (c === null || !c.isOpen) throw new RequestFailedError('not_connected', `${namespace}/${payload.action}`);
    c.command(namespace, payload);
  }

  request<N extends Namespace, M extends EventOf<N>['message']>(
    namespace: N,
    payload: CommandOf<N>,
    expect: M,
    timeoutMs?: number,
  ): Promise<Extract<EventOf<N>, { message: M }>> {
    const c = this.connection;
    if (c === null || !c.isOpen) return Promise.reject(new RequestFailedError('not_connected', `${namespace}/${payload.action}`));
    return c.request(namespace, payload, expect, timeoutMs) as Promise<Extract<EventOf<N>, { message: M }>>;
  }

  /** control/leave, then close (1000). No onEnd. */
  leave(): void {
    const c = this.connection;
    if (c !== null && c.isOpen) {
      try {
        c.command('control', { action: 'leave' });
      } catch {
        // Closing anyway.
      }
    }
    this.close();
  }

  /** Stops everything without telling the server (e.g. the meeting ended). No onEnd. */
  close(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const c = this.connection;
    this.connection = null;
    c?.close(1000, 'left');
    this.setStatus('closed');
  }

  private makeConnection(credential: Credential, first: boolean): SignalingConnection {
    const connection: SignalingConnection = new SignalingConnection({
      url: this.o.url,
      credential,
      createWebSocket: this.o.createWebSocket,
      requestTimeoutMs: this.o.requestTimeoutMs,
      heartbeatIntervalMs: this.o.heartbeatIntervalMs,
      heartbeatTimeoutMs: this.o.heartbeatTimeoutMs,
      onFrame: (frame) => {
        if (this.connection !== connection || this.stopped) return;
        this.o.onFrame(frame);
      },
      onCommandError: (e) => {
        if (this.connection === connection && !this.stopped) this.o.onCommandError?.(e);
      },
      onClose: (info) => this.closed(connection, info, first),
    });
    return connection;
  }

  private closed(connection: SignalingConnection, info: CloseInfo, first: boolean): void {
    if (this.connection !== connection || this.stopped) return;
    this.connection = null;
    // The first connection failing before it opened is reported by connect()'s rejection.
    if (first && !info.opened) {
      this.stopped = true;
      this.setStatus('closed');
      return;
    }
    if (info.decision.action === 'end') {
      this.end(info.decision.reason);
      return;
    }
    if (this.token === null) {
      this.end('connection_lost');
      return;
    }
    if (info.opened && !first && this.status === 'open') {
      // A resumed connection dropped again: a new loss.
      this.setStatus('reconnecting');
      this.lostAt = Date.now();
      this.attempt = 0;
    } else if (this.status !== 'reconnecting') {
      this.lostAt = Date.now();
      this.attempt = 0;
      this.setStatus('reconnecting');
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const windowMs = this.o.resumptionWindowMs ?? RESUMPTION_WINDOW_MS;
    const delay = (this.o.backoffMs ?? defaultBackoff)(this.attempt);
    if (Date.now() + delay - this.lostAt > windowMs) {
      this.end('connection_lost');
      return;
    }
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped || this.token === null) return;
      const connection = this.makeConnection({ resume: this.token }, false);
      this.connection = connection;
      connection.open().then(
        () => {
          if (this.connection === connection && !this.stopped) this.setStatus('open');
        },
        () => {
          // closed() decides about the next attempt.
        },
      );
    }, delay);
  }

  private end(reason: EndReason): void {
    this.stopped = true;
    this.setStatus('closed');
    this.o.onEnd(reason);
  }

  private setStatus(status: SignalingStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.o.onStatus(status);
  }
}
