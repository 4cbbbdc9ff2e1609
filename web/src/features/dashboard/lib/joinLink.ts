/**
 * "Join by link or meeting ID": what a user pastes, turned into an app route. Accepted: a full
 * or relative address of a room ("…/room/{uuid}") or a guest link ("…/invite/{code}"), or a bare
 * room id (UUID). The host of a pasted address is not checked: the link may come from another
 * address of the same server, and only the path is used.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INVITE_CODE = /^[A-Za-z0-9._~-]{1,64}$/;

export type JoinTarget =
  | { readonly kind: 'room'; readonly roomId: string; readonly path: string }
  | { readonly kind: 'invite'; readonly code: string; readonly path: string };

export function isRoomId(value: string): boolean {
  return UUID.test(value);
}

function fromPath(pathname: string): JoinTarget | null {
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length < 2) return null;
  // The last two segments, so a server under a path prefix works too.
  const [kind, raw] = segments.slice(-2) as [string, string];
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (kind === 'room' && isRoomId(value)) {
    return { kind: 'room', roomId: value.toLowerCase(), path: `/room/${value.toLowerCase()}` };
  }
  if (kind === 'invite' && INVITE_CODE.test(value)) {
    return { kind: 'invite', code: value, path: `/invite/${encodeURIComponent(value)}` };
  }
  return null;
}

export function parseJoinInput(input: string): JoinTarget | null {
  const text = input.trim();
  if (text === '') return null;
  if (isRoomId(text)) return { kind: 'room', roomId: text.toLowerCase(), path: `/room/${text.toLowerCase()}` };
  let url: URL;
  try {
    url = new URL(text, 'http://placeholder.invalid');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // A bare host-less text like "room/…" is resolved against the placeholder as a path.
  return fromPath(url.pathname);
}
