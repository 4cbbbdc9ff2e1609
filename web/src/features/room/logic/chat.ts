/** Conversation keys of the chat and what they mean (pure). */
import type { ChatTarget, ConversationKey } from '../../../meeting';

/** `everyone`, `group:<name>`, `private:<participant id>` → the send target; null when malformed. */
export function targetOf(key: ConversationKey): ChatTarget | null {
  if (key === 'everyone') return { scope: 'everyone' };
  if (key.startsWith('group:') && key.length > 6) return { scope: 'group', group: key.slice(6) };
  if (key.startsWith('private:') && key.length > 8) return { scope: 'private', recipient: key.slice(8) };
  return null;
}

export function privateKey(participantId: string): ConversationKey {
  return `private:${participantId}`;
}

/** A search query is sent from 2 characters on (the protocol's minimum). */
export function searchableQuery(query: string): string | null {
  const q = query.trim();
  return Array.from(q).length >= 2 ? q.slice(0, 200) : null;
}
