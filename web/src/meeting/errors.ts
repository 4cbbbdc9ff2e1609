/** Typed errors of the meeting core. */
import type { ErrorCode } from '../protocol/types';
import type { EndReason } from './types';

/** joinMeeting/resumeMeeting failed, or the meeting ended while a call waited. */
export class MeetingError extends Error {
  readonly reason: EndReason;
  constructor(reason: EndReason, detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'MeetingError';
    this.reason = reason;
  }
}

/** The server answered a command with an error frame (code from the protocol's error list). */
export class CommandError extends Error {
  readonly code: ErrorCode;
  readonly namespace: string;
  readonly action: string;
  readonly field: string | undefined;
  constructor(namespace: string, action: string, code: ErrorCode, text: string, field?: string) {
    super(`${namespace}/${action}: ${code}${text ? ` (${text})` : ''}`);
    this.name = 'CommandError';
    this.code = code;
    this.namespace = namespace;
    this.action = action;
    this.field = field;
  }
}

/** A request got no reply in time, or the connection closed before the reply. */
export class RequestFailedError extends Error {
  readonly kind: 'timeout' | 'closed' | 'not_connected';
  constructor(kind: 'timeout' | 'closed' | 'not_connected', what: string) {
    super(`${what}: ${kind}`);
    this.name = 'RequestFailedError';
    this.kind = kind;
  }
}
