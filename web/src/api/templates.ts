/**
 * Polls and votes prepared on an event before the meeting (src/api/openapi.json, paths
 * /events/{id}/poll_templates and /vote_templates). In the meeting, moderators get them over
 * signaling (polls.list_templates, legal_vote.list_templates).
 */
import { apiRequest, objectBody, type RequestOptions } from './client';
import { pageQuery } from './rooms';
import type { components } from './schema';

export type PollTemplate = components['schemas']['PollTemplate'];
export type PollTemplateInput = components['schemas']['PollTemplateInput'];
export type VoteTemplate = components['schemas']['VoteTemplate'];
export type VoteTemplateInput = components['schemas']['VoteTemplateInput'];
type PollTemplateList = components['schemas']['PollTemplateList'];
type VoteTemplateList = components['schemas']['VoteTemplateList'];

/** The server's limit per event and kind (services::template_limits::kPerEvent). */
export const TEMPLATES_PER_EVENT = 50;

const base = (eventId: string, kind: 'poll_templates' | 'vote_templates') =>
  `/api/v1/events/${encodeURIComponent(eventId)}/${kind}`;

export async function listPollTemplates(eventId: string, options: RequestOptions = {}): Promise<PollTemplate[]> {
  const list = await apiRequest('GET', `${base(eventId, 'poll_templates')}${pageQuery({ limit: TEMPLATES_PER_EVENT })}`, {
    ...options,
    parse: objectBody<PollTemplateList>,
  });
  return list.poll_templates;
}

export async function listVoteTemplates(eventId: string, options: RequestOptions = {}): Promise<VoteTemplate[]> {
  const list = await apiRequest('GET', `${base(eventId, 'vote_templates')}${pageQuery({ limit: TEMPLATES_PER_EVENT })}`, {
    ...options,
    parse: objectBody<VoteTemplateList>,
  });
  return list.vote_templates;
}

export function savePollTemplate(eventId: string, id: string | null, input: PollTemplateInput): Promise<PollTemplate> {
  const path = id === null ? base(eventId, 'poll_templates') : `${base(eventId, 'poll_templates')}/${encodeURIComponent(id)}`;
  return apiRequest(id === null ? 'POST' : 'PATCH', path, { body: input, parse: objectBody<PollTemplate> });
}

export function saveVoteTemplate(eventId: string, id: string | null, input: VoteTemplateInput): Promise<VoteTemplate> {
  const path = id === null ? base(eventId, 'vote_templates') : `${base(eventId, 'vote_templates')}/${encodeURIComponent(id)}`;
  return apiRequest(id === null ? 'POST' : 'PATCH', path, { body: input, parse: objectBody<VoteTemplate> });
}

export function deleteTemplate(eventId: string, kind: 'poll_templates' | 'vote_templates', id: string): Promise<undefined> {
  return apiRequest('DELETE', `${base(eventId, kind)}/${encodeURIComponent(id)}`);
}
