/**
 * Planned meetings ("events"), their occurrences, exceptions, favourites and invitations
 * (src/api/openapi.json, tag events). Every event has its own room (`room_id`).
 */
import { apiRequest, objectBody, type RequestOptions } from './client';
import { pageQuery, type Page } from './rooms';
import type { components } from './schema';

export type MeetingEvent = components['schemas']['Event'];
export type EventInput = components['schemas']['EventInput'];
export type EventList = components['schemas']['EventList'];
export type Recurrence = components['schemas']['Recurrence'];
export type EventInstance = components['schemas']['EventInstance'];
export type EventInstanceList = components['schemas']['EventInstanceList'];
export type CalendarInstance = components['schemas']['CalendarInstance'];
export type CalendarInstanceList = components['schemas']['CalendarInstanceList'];
export type EventException = components['schemas']['EventException'];
export type EventInvite = components['schemas']['EventInvite'];
export type EventInviteCreate = components['schemas']['EventInviteCreate'];
export type EventInviteList = components['schemas']['EventInviteList'];
export type InviteStatus = components['schemas']['InviteResponse']['status'];
export type InviteRole = EventInviteCreate['role'];
export type UserSummary = components['schemas']['UserSummary'];
export type UserSearchResult = components['schemas']['UserSearchResult'];

const EVENTS = '/api/v1/events';

function eventPath(eventId: string): string {
  return `${EVENTS}/${encodeURIComponent(eventId)}`;
}

/** The UTC form the API takes for windows: "2026-11-22T00:00:00Z" (no milliseconds). */
export function utcParam(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function windowQuery(from: Date, to: Date): string {
  return `?${new URLSearchParams({ from: utcParam(from), to: utcParam(to) }).toString()}`;
}

/** Plans a meeting and creates its room; `adhoc: true` is "meet now" (no schedule). */
export function createEvent(input: EventInput, options: RequestOptions = {}): Promise<MeetingEvent> {
  return apiRequest('POST', EVENTS, { ...options, body: input, parse: objectBody<MeetingEvent> });
}

/** Meetings the caller organises or is invited to (and has not declined), newest first. */
export function listEvents(page: Page = {}, options: RequestOptions = {}): Promise<EventList> {
  return apiRequest('GET', `${EVENTS}${pageQuery(page)}`, { ...options, parse: objectBody<EventList> });
}

export function getEvent(eventId: string, options: RequestOptions = {}): Promise<MeetingEvent> {
  return apiRequest('GET', eventPath(eventId), { ...options, parse: objectBody<MeetingEvent> });
}

/** Changes the whole series; absent fields keep their value, `recurrence: null` ends recurrence. */
export function updateEvent(eventId: string, input: EventInput, options: RequestOptions = {}): Promise<MeetingEvent> {
  return apiRequest('PATCH', eventPath(eventId), { ...options, body: input, parse: objectBody<MeetingEvent> });
}

/** Deletes the meeting (every occurrence) and its room. */
export function deleteEvent(eventId: string, options: RequestOptions = {}): Promise<undefined> {
  return apiRequest('DELETE', eventPath(eventId), options);
}

/** Occurrences of every visible scheduled meeting overlapping [from, to), by start (at most 1000). */
export function listAllInstances(from: Date, to: Date, options: RequestOptions = {}): Promise<CalendarInstanceList> {
  return apiRequest('GET', `${EVENTS}/instances${windowQuery(from, to)}`, {
    ...options,
    parse: objectBody<CalendarInstanceList>,
  });
}

export function listEventInstances(
  eventId: string,
  from: Date,
  to: Date,
  options: RequestOptions = {},
): Promise<EventInstanceList> {
  return apiRequest('GET', `${eventPath(eventId)}/instances${windowQuery(from, to)}`, {
    ...options,
    parse: objectBody<EventInstanceList>,
  });
}

/** Moves (`starts_at`/`ends_at`) or cancels one occurrence of a recurring meeting. */
export function setEventException(
  eventId: string,
  exception: EventException,
  options: RequestOptions = {},
): Promise<undefined> {
  return apiRequest('POST', `${eventPath(eventId)}/exceptions`, { ...options, body: exception });
}

export function cancelOccurrence(eventId: string, originalStart: string, options: RequestOptions = {}) {
  return setEventException(eventId, { original_start: originalStart, cancelled: true }, options);
}

export function setFavourite(eventId: string, favourite: boolean, options: RequestOptions = {}): Promise<undefined> {
  return apiRequest(favourite ? 'PUT' : 'DELETE', `${eventPath(eventId)}/favourite`, options);
}

/** Invites a registered user (role user or moderator) or an e-mail address (guest or moderator). */
export function inviteToEvent(
  eventId: string,
  invite: EventInviteCreate,
  options: RequestOptions = {},
): Promise<undefined> {
  return apiRequest('POST', `${eventPath(eventId)}/invites`, { ...options, body: invite });
}

export function listEventInvites(eventId: string, page: Page = {}, options: RequestOptions = {}) {
  return apiRequest('GET', `${eventPath(eventId)}/invites${pageQuery(page)}`, {
    ...options,
    parse: objectBody<EventInviteList>,
  });
}

export type Invitee = { readonly user_id: string } | { readonly email: string };

export function withdrawEventInvite(eventId: string, who: Invitee, options: RequestOptions = {}): Promise<undefined> {
  const query = new URLSearchParams('user_id' in who ? { user_id: who.user_id } : { email: who.email });
  return apiRequest('DELETE', `${eventPath(eventId)}/invites?${query.toString()}`, options);
}

export function respondToInvite(eventId: string, status: InviteStatus, options: RequestOptions = {}) {
  return apiRequest('POST', `${eventPath(eventId)}/invites/respond`, { ...options, body: { status } });
}

/** The caller's pending invitations, oldest first. */
export function listMyInvites(page: Page = {}, options: RequestOptions = {}): Promise<EventInviteList> {
  return apiRequest('GET', `/api/v1/users/me/invites${pageQuery(page)}`, {
    ...options,
    parse: objectBody<EventInviteList>,
  });
}

/** Accounts to invite: `query` of 3 to 100 characters (display name or e-mail address). */
export function searchUsers(query: string, limit = 10, options: RequestOptions = {}): Promise<UserSearchResult> {
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  return apiRequest('GET', `/api/v1/users?${params.toString()}`, { ...options, parse: objectBody<UserSearchResult> });
}
