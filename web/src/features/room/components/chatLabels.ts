import type { Translate } from '../../../i18n';
import type { ChatMessage, Conversation, ConversationKey, Participant } from '../../../meeting';

/** The name shown for a conversation; a private one uses the peer's current or last known name. */
export function conversationLabel(
  t: Translate,
  key: ConversationKey,
  participants: Readonly<Record<string, Participant>>,
  messages: readonly ChatMessage[] = [],
): string {
  if (key === 'everyone') return t('room.chat.everyone');
  if (key.startsWith('group:')) {
    const group = key.slice(6);
    return group === 'moderators' ? t('room.chat.moderators') : t('room.chat.group', { name: group });
  }
  const peer = key.slice(8);
  const name =
    participants[peer]?.display_name ?? messages.find((m) => m.sender === peer)?.sender_name ?? t('room.unnamed');
  return t('room.chat.private', { name });
}

/** A conversation the user opened that has no messages yet (e.g. a new private chat). */
export function emptyConversation(key: ConversationKey): Conversation {
  const scope = key === 'everyone' ? 'everyone' : key.startsWith('group:') ? 'group' : 'private';
  return {
    key,
    scope,
    ...(scope === 'group' ? { group: key.slice(6) } : {}),
    ...(scope === 'private' ? { peerId: key.slice(8) } : {}),
    messages: [],
    hasMore: false,
    loadingHistory: false,
    lastSeen: 0,
    unread: 0,
  };
}

export function formatTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}
