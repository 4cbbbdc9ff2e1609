/**
 * Rooms, their guest links and dial-in data (docs/api.md "Endpoints"). Joining a room
 * (`start`, `start_invited`) lives in join.ts. Only the owner and administrators may call these;
 * everyone else gets 404 `not_found`.
 */
import { apiRequest, objectBody, type RequestOptions } from './client';
import type { components } from './schema';

export type Room = components['schemas']['Room'];
export type RoomSettings = components['schemas']['RoomSettings'];
export type RoomList = components['schemas']['RoomList'];
export type RoomInvite = components['schemas']['RoomInvite'];
export type RoomInviteList = components['schemas']['RoomInviteList'];
export type DialIn = components['schemas']['DialIn'];
export type WaitingRoomMode = components['schemas']['WaitingRoomMode'];
export type GuestAccess = components['schemas']['GuestAccess'];

const ROOMS = '/api/v1/rooms';

function roomPath(roomId: string): string {
  return `${ROOMS}/${encodeURIComponent(roomId)}`;
}

export interface Page {
  readonly limit?: number;
  readonly offset?: number;
}

export function pageQuery(page: Page): string {
  const params = new URLSearchParams();
  if (page.limit !== undefined) params.set('limit', String(page.limit));
  if (page.offset !== undefined) params.set('offset', String(page.offset));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export function createRoom(settings: RoomSettings = {}, options: RequestOptions = {}): Promise<Room> {
  return apiRequest('POST', ROOMS, { ...options, body: settings, parse: objectBody<Room> });
}

/** Rooms the caller owns, newest first. */
export function listRooms(page: Page = {}, options: RequestOptions = {}): Promise<RoomList> {
  return apiRequest('GET', `${ROOMS}${pageQuery(page)}`, { ...options, parse: objectBody<RoomList> });
}

export function getRoom(roomId: string, options: RequestOptions = {}): Promise<Room> {
  return apiRequest('GET', roomPath(roomId), { ...options, parse: objectBody<Room> });
}

/** Changes the fields sent; `password: null` removes the password. */
export function updateRoom(roomId: string, settings: RoomSettings, options: RequestOptions = {}): Promise<Room> {
  return apiRequest('PATCH', roomPath(roomId), { ...options, body: settings, parse: objectBody<Room> });
}

export function deleteRoom(roomId: string, options: RequestOptions = {}): Promise<undefined> {
  return apiRequest('DELETE', roomPath(roomId), options);
}

/** A new guest link; `expiresAt` in Unix seconds (at most a year ahead), or none: until revoked. */
export function createRoomInvite(
  roomId: string,
  expiresAt: number | null = null,
  options: RequestOptions = {},
): Promise<RoomInvite> {
  return apiRequest('POST', `${roomPath(roomId)}/invites`, {
    ...options,
    body: expiresAt === null ? {} : { expires_at: expiresAt },
    parse: objectBody<RoomInvite>,
  });
}

export function listRoomInvites(roomId: string, options: RequestOptions = {}): Promise<RoomInviteList> {
  return apiRequest('GET', `${roomPath(roomId)}/invites`, { ...options, parse: objectBody<RoomInviteList> });
}

export function deleteRoomInvite(roomId: string, code: string, options: RequestOptions = {}): Promise<undefined> {
  return apiRequest('DELETE', `${roomPath(roomId)}/invites/${encodeURIComponent(code)}`, options);
}

/** The room's dial-in number and PIN (made on the first request). */
export function getDialIn(roomId: string, options: RequestOptions = {}): Promise<DialIn> {
  return apiRequest('GET', `${roomPath(roomId)}/dial_in`, { ...options, parse: objectBody<DialIn> });
}

export function regenerateDialIn(roomId: string, options: RequestOptions = {}): Promise<DialIn> {
  return apiRequest('POST', `${roomPath(roomId)}/dial_in/regenerate`, { ...options, parse: objectBody<DialIn> });
}

/** The address of a guest link for this origin (the lobby's `/invite/{code}` route). */
export function guestLinkUrl(code: string, origin: string = window.location.origin): string {
  return `${origin}/invite/${encodeURIComponent(code)}`;
}

/** The address of a room for signed-in participants (the lobby's `/room/{id}` route). */
export function roomUrl(roomId: string, origin: string = window.location.origin): string {
  return `${origin}/room/${encodeURIComponent(roomId)}`;
}
