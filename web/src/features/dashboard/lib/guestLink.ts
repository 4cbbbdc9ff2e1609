/** A guest link for a room: an unexpired existing one, or a new one. */
import { createRoomInvite, guestLinkUrl, listRoomInvites } from '../../../api/rooms';

export async function guestLinkFor(roomId: string, now: Date = new Date()): Promise<string> {
  const { invites } = await listRoomInvites(roomId);
  const usable = invites.find((i) => i.expires_at === null || Date.parse(i.expires_at) > now.getTime() + 3_600_000);
  const invite = usable ?? (await createRoomInvite(roomId));
  return guestLinkUrl(invite.code);
}
