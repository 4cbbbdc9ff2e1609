/** Joining a meeting: tickets for signed-in users and guests, and guest-link checks (docs/api.md). */
import { apiRequest, objectBody, type RequestOptions } from './client';
import type { components } from './schema';

export type Admission = components['schemas']['Admission'];
export type InviteCheck = components['schemas']['InviteVerifyResponse'];

export function verifyInvite(inviteCode: string, options: RequestOptions = {}): Promise<InviteCheck> {
  return apiRequest('POST', '/api/v1/invites/verify', {
    ...options,
    auth: false,
    body: { code: inviteCode } satisfies components['schemas']['InviteVerifyRequest'],
    parse: objectBody<InviteCheck>,
  });
}

/** A signed-in user asks for a ticket (moderator role when owner or invited as moderator). */
export function startMeeting(roomId: string, password: string | null): Promise<Admission> {
  return apiRequest('POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/start`, {
    body: (password === null ? {} : { password }) satisfies components['schemas']['StartRequest'],
    parse: objectBody<Admission>,
  });
}

/** A guest with a guest link asks for a ticket. */
export function startInvited(
  roomId: string,
  request: { invite_code: string; display_name: string; password: string | null },
): Promise<Admission> {
  return apiRequest('POST', `/api/v1/rooms/${encodeURIComponent(roomId)}/start_invited`, {
    auth: false,
    body: (request.password === null
      ? { invite_code: request.invite_code, display_name: request.display_name }
      : request) satisfies components['schemas']['StartInvitedRequest'],
    parse: objectBody<Admission>,
  });
}
