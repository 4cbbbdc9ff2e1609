/**
 * Frames as docs/protocol.md defines them: the client sends {namespace, id?, payload: {action}},
 * the server {namespace, id?, timestamp, payload: {message}}.
 */
import type { ClientFrame, ServerFrame } from '../../protocol/types';

export type Namespace = ClientFrame['namespace'];
export type CommandOf<N extends Namespace> = Extract<ClientFrame, { namespace: N }>['payload'];
export type EventOf<N extends Namespace> = Extract<ServerFrame, { namespace: N }>['payload'];

/** Every namespace of the protocol (a record, so a namespace added to the schema but missing here is a compile error). */
const KNOWN: Readonly<Record<Namespace, true>> = {
  control: true,
  waiting_room: true,
  moderation: true,
  hands: true,
  reactions: true,
  chat: true,
  media: true,
  polls: true,
  timer: true,
  points_of_order: true,
  legal_vote: true,
  speakers: true,
};

export const NAMESPACES: readonly Namespace[] = Object.keys(KNOWN) as Namespace[];

/** Ids are 1-64 characters. */
export const MAX_ID_LENGTH = 64;

export function encodeFrame<N extends Namespace>(namespace: N, payload: CommandOf<N>, id?: string): string {
  if (id !== undefined && (id.length === 0 || id.length > MAX_ID_LENGTH)) throw new RangeError('frame id must have 1-64 characters');
  return JSON.stringify(id === undefined ? { namespace, payload } : { namespace, id, payload });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a server frame. Checks the envelope (namespace known, payload.message a string,
 * timestamp a number, id a string when present); the payload's fields are trusted as the server
 * validates them against the same schema. Returns null for anything else.
 */
export function decodeFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { namespace, id, timestamp, payload } = value;
  if (typeof namespace !== 'string' || !(NAMESPACES as readonly string[]).includes(namespace)) return null;
  if (id !== undefined && typeof id !== 'string') return null;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return null;
  if (!isRecord(payload) || typeof payload.message !== 'string') return null;
  return value as unknown as ServerFrame;
}
