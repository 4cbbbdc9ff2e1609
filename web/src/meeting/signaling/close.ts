/**
 * What a closed signaling connection means: the meeting ended (with which reason), or the
 * connection dropped and the participant should resume. docs/protocol.md: 1000 normal (after
 * leave), 1001 shutdown, 1008 policy (kicked, banned, room full, room closed, resumption no
 * longer possible: the reason says which), 1009 frame too big, 4008 too slow, 4009 replaced.
 */
import type { EndReason } from '../types';

export type CloseDecision = { readonly action: 'end'; readonly reason: EndReason } | { readonly action: 'resume'; readonly cause: string };

const CLOSED_REASONS: Readonly<Record<string, EndReason>> = {
  time_limit: 'time_limit',
  room_deleted: 'room_deleted',
  ended_by_moderator: 'ended_by_moderator',
  server_shutdown: 'server_shutdown',
};

function policyReason(reason: string): EndReason {
  const r = reason.trim().toLowerCase();
  if (r.startsWith('kicked')) return 'kicked';
  if (r.startsWith('banned')) return 'banned';
  if (r.startsWith('debriefed')) return 'debriefed';
  if (r.startsWith('room full')) return 'room_full';
  if (r.startsWith('resumption')) return 'resume_failed';
  if (r.startsWith('room closed')) {
    const detail = r.slice('room closed'.length).replace(/^[:\s]+/, '');
    return CLOSED_REASONS[detail] ?? 'room_closed';
  }
  return 'rejected';
}

/**
 * @param opened whether the WebSocket handshake had completed (a refused ticket is an HTTP 401
 *   before the upgrade, which browsers report as a close with 1006 before `open`).
 * @param resuming whether this connection used a resumption token.
 */
export function classifyClose(code: number, reason: string, opened: boolean, resuming: boolean): CloseDecision {
  switch (code) {
    case 1000:
      return { action: 'end', reason: 'left' };
    case 1001:
      return { action: 'end', reason: 'server_shutdown' };
    case 1008:
      return { action: 'end', reason: policyReason(reason) };
    case 1009:
      return { action: 'end', reason: 'protocol_error' };
    case 4009:
      return { action: 'end', reason: 'replaced' };
    case 4008:
      // The server gave up on a slow reader; the participant stays for the resumption window.
      return { action: 'resume', cause: 'too_slow' };
    default:
      if (!opened && !resuming) return { action: 'end', reason: 'rejected' };
      return { action: 'resume', cause: `closed ${code}` };
  }
}
