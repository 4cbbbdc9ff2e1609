/** The chat namespace: conversations, messages, history paging, unread counts, search. */
import type { ChatEvent, ChatMessage, ChatState as ProtocolChatState } from '../../../protocol/types';
import type { ChatSlice, Conversation, ConversationKey, MeetingState } from '../../types';
import { notify, type ReduceContext } from './common';

export function conversationKeyOf(message: ChatMessage, selfId: string | null): ConversationKey {
  switch (message.scope) {
    case 'everyone':
      return 'everyone';
    case 'group':
      return `group:${message.group ?? ''}`;
    case 'private':
      return `private:${message.sender === selfId ? (message.recipient ?? '') : message.sender}`;
  }
}

export function emptyConversation(key: ConversationKey): Conversation {
  const base = { key, messages: [], hasMore: false, loadingHistory: false, lastSeen: 0, unread: 0 };
  if (key.startsWith('group:')) return { ...base, scope: 'group', group: key.slice('group:'.length) };
  if (key.startsWith('private:')) return { ...base, scope: 'private', peerId: key.slice('private:'.length) };
  return { ...base, scope: 'everyone' };
}

function countUnread(messages: readonly ChatMessage[], lastSeen: number, selfId: string | null): number {
  let n = 0;
  for (const m of messages) if (m.id > lastSeen && m.sender !== selfId) n += 1;
  return n;
}

/** Merges messages by id (later copies win), oldest first. */
export function mergeMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<number, ChatMessage>();
  for (const m of a) byId.set(m.id, m);
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

function withConversation(conv: Conversation, patch: Partial<Conversation>, selfId: string | null): Conversation {
  const next = { ...conv, ...patch };
  return { ...next, unread: countUnread(next.messages, next.lastSeen, selfId) };
}

/** The chat part of join_success. */
export function chatFromJoin(chat: ProtocolChatState, selfId: string): ChatSlice {
  const conversations: Record<ConversationKey, Conversation> = {};
  const get = (key: ConversationKey) => (conversations[key] ??= emptyConversation(key));
  get('everyone');
  for (const seen of chat.last_seen) get(seen.conversation);
  for (const seen of chat.last_seen) {
    const c = get(seen.conversation);
    conversations[seen.conversation] = { ...c, lastSeen: seen.message_id };
  }
  const grouped = new Map<ConversationKey, ChatMessage[]>();
  for (const m of chat.recent) {
    const key = conversationKeyOf(m, selfId);
    const list = grouped.get(key) ?? [];
    list.push(m);
    grouped.set(key, list);
  }
  for (const [key, messages] of grouped) {
    // recent holds only the last messages of the room: older ones may exist.
    conversations[key] = withConversation(get(key), { messages: mergeMessages([], messages), hasMore: true }, selfId);
  }
  return { enabled: chat.enabled, conversations, search: null };
}

function updateConversation(
  state: MeetingState,
  key: ConversationKey,
  update: (c: Conversation) => Partial<Conversation>,
): MeetingState {
  const conv = state.chat.conversations[key] ?? emptyConversation(key);
  const next = withConversation(conv, update(conv), state.selfId);
  return { ...state, chat: { ...state.chat, conversations: { ...state.chat.conversations, [key]: next } } };
}

export function reduceChat(state: MeetingState, event: ChatEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'message': {
      const m = event.chat_message;
      const key = conversationKeyOf(m, state.selfId);
      return updateConversation(state, key, (c) => ({
        messages: mergeMessages(c.messages, [m]),
        // Own messages count as seen.
        lastSeen: m.sender === state.selfId ? Math.max(c.lastSeen, m.id) : c.lastSeen,
      }));
    }
    case 'history':
      return updateConversation(state, event.conversation, (c) => ({
        messages: mergeMessages(event.messages, c.messages),
        hasMore: event.more,
        loadingHistory: false,
      }));
    case 'search_results':
      return {
        ...state,
        chat: {
          ...state.chat,
          search: { query: state.chat.search?.query ?? '', pending: false, results: event.messages },
        },
      };
    case 'cleared': {
      const conversations: Record<ConversationKey, Conversation> = {};
      for (const [key, c] of Object.entries(state.chat.conversations)) {
        conversations[key] = { ...c, messages: [], hasMore: false, loadingHistory: false, unread: 0 };
      }
      const next = { ...state, chat: { ...state.chat, conversations, search: null } };
      return event.by === state.selfId ? next : notify(next, 'chat_cleared', {}, ctx.now);
    }
    case 'enabled_changed': {
      if (event.enabled === state.chat.enabled) return state;
      const next = { ...state, chat: { ...state.chat, enabled: event.enabled } };
      return notify(next, event.enabled ? 'chat_enabled' : 'chat_disabled', {}, ctx.now);
    }
  }
}

/** Marks a conversation as read up to its newest message. */
export function markSeen(state: MeetingState, key: ConversationKey): MeetingState {
  const conv = state.chat.conversations[key];
  if (conv === undefined) return state;
  const last = conv.messages[conv.messages.length - 1]?.id ?? 0;
  if (last <= conv.lastSeen && conv.unread === 0) return state;
  return updateConversation(state, key, (c) => ({ lastSeen: Math.max(c.lastSeen, last) }));
}

export function setHistoryLoading(state: MeetingState, key: ConversationKey, loading: boolean): MeetingState {
  return updateConversation(state, key, () => ({ loadingHistory: loading }));
}

export function startSearch(state: MeetingState, query: string): MeetingState {
  return { ...state, chat: { ...state.chat, search: { query, pending: true, results: [] } } };
}

export function clearSearch(state: MeetingState): MeetingState {
  return state.chat.search === null ? state : { ...state, chat: { ...state.chat, search: null } };
}

/** Opens (creates) a conversation, e.g. a private chat the user starts. */
export function openConversation(state: MeetingState, key: ConversationKey): MeetingState {
  if (state.chat.conversations[key] !== undefined) return state;
  return updateConversation(state, key, () => ({}));
}
