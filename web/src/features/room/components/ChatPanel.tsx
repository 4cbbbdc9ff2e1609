import { Trash } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, selectConversations, selectIsModerator, useMeeting } from '../../../meeting';
import { privateKey, searchableQuery, targetOf } from '../logic/chat';
import { useRoomUi } from '../state/roomUi';
import { ChatComposer } from './ChatComposer';
import { ChatMessages } from './ChatMessages';
import { conversationLabel, emptyConversation } from './chatLabels';
import { PanelSearch } from './PanelFields';

/** Chat: conversations with unread markers, messages with history, composer, search, clear. */
export function ChatPanel({ visible }: { readonly visible: boolean }) {
  const { t } = useI18n();
  const enabled = useMeeting((s) => s.chat.enabled);
  const moderator = useMeeting(selectIsModerator);
  const selfId = useMeeting((s) => s.selfId);
  const participants = useMeeting((s) => s.participants);
  const stored = useMeeting(selectConversations);
  const search = useMeeting((s) => s.chat.search);
  const { selected, select, openDialog } = useRoomUi(
    useShallow((s) => ({ selected: s.conversation, select: s.selectConversation, openDialog: s.openDialog })),
  );

  const groups = useMeeting((s) => (s.selfId === null ? [] : (s.participants[s.selfId]?.groups ?? [])));
  const conversations = [...stored];
  if (!conversations.some((c) => c.key === 'everyone')) conversations.unshift(emptyConversation('everyone'));
  for (const group of groups) {
    const key = `group:${group}`;
    if (!conversations.some((c) => c.key === key)) conversations.push(emptyConversation(key));
  }
  const selectedValid = targetOf(selected) !== null ? selected : 'everyone';
  if (!conversations.some((c) => c.key === selectedValid)) conversations.push(emptyConversation(selectedValid));
  const current = conversations.find((c) => c.key === selectedValid) ?? emptyConversation('everyone');
  const currentLabel = conversationLabel(t, current.key, participants, current.messages);
  const target = targetOf(current.key) ?? { scope: 'everyone' as const };

  // Seen while the chat is open on this conversation.
  useEffect(() => {
    if (visible && current.unread > 0) actions.markConversationSeen(current.key);
  }, [visible, current.key, current.unread]);

  const [query, setQuery] = useState('');
  useEffect(() => {
    const q = searchableQuery(query);
    if (q === null) {
      actions.clearChatSearch();
      return undefined;
    }
    const timer = setTimeout(() => void actions.searchChat(q).catch(() => undefined), 300);
    return () => clearTimeout(timer);
  }, [query]);
  const searching = searchableQuery(query) !== null;

  const others = Object.values(participants).filter((p) => p.id !== selfId && p.kind !== 'service');
  others.sort((a, b) => a.display_name.localeCompare(b.display_name));

  if (!enabled) {
    return (
      <div className="chat-panel">
        <p className="panel__notice">{t('room.chat.disabled')}</p>
        {moderator && (
          <Button className="button button--secondary" onPress={() => void actions.setChatEnabled(true).catch(() => undefined)}>
            {t('room.chat.enable')}
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className="chat-panel">
      <div className="chat-panel__tools">
        <PanelSearch label={t('room.chat.search')} value={query} onChange={setQuery} />
        {moderator && (
          <Button className="icon-button" aria-label={t('room.chat.clear')} onPress={() => openDialog({ kind: 'clearChat' })}>
            <Trash aria-hidden="true" size={18} />
          </Button>
        )}
      </div>
      {query.trim() !== '' && !searching && <p className="panel__hint">{t('room.chat.searchHint')}</p>}

      {searching ? (
        <div className="chat-panel__search" aria-busy={search?.pending === true}>
          {search === null || search.pending ? (
            <p className="panel__hint" role="status">
              {t('room.chat.searching')}
            </p>
          ) : search.results.length === 0 ? (
            <p className="panel__hint" role="status">
              {t('room.chat.searchNone')}
            </p>
          ) : (
            <ChatMessages
              messages={search.results}
              selfId={selfId}
              label={t('room.chat.searchResults')}
              live={false}
              header={(m) =>
                m.scope === 'private'
                  ? conversationLabel(t, privateKey(m.sender === selfId ? (m.recipient ?? '') : m.sender), participants, [m])
                  : m.scope === 'group'
                    ? conversationLabel(t, `group:${m.group ?? ''}`, participants)
                    : null
              }
            />
          )}
        </div>
      ) : (
        <>
          <div className="chat-panel__conversations">
            <ListBox
              aria-label={t('room.chat.conversations')}
              className="conversation-list"
              orientation="horizontal"
              selectionMode="single"
              disallowEmptySelection
              selectedKeys={[current.key]}
              onSelectionChange={(keys) => {
                if (keys === 'all') return;
                const [key] = [...keys];
                if (key !== undefined) select(String(key));
              }}
            >
              {conversations.map((c) => {
                const name = conversationLabel(t, c.key, participants, c.messages);
                const text = c.unread > 0 ? `${name}, ${t('room.chat.unread', { count: c.unread })}` : name;
                return (
                  <ListBoxItem key={c.key} id={c.key} textValue={text} aria-label={text} className="conversation-chip">
                    <span className="conversation-chip__name">{name}</span>
                    {c.unread > 0 && (
                      <span className="badge badge--inline" aria-hidden="true">
                        {c.unread}
                      </span>
                    )}
                  </ListBoxItem>
                );
              })}
            </ListBox>
            <Select
              className="select select--compact"
              selectedKey={null}
              onSelectionChange={(key) => {
                if (key !== null) select(privateKey(String(key)));
              }}
              isDisabled={others.length === 0}
              placeholder={others.length === 0 ? t('room.chat.newPrivateNone') : t('room.chat.newPrivate')}
            >
              <Label className="visually-hidden">{t('room.chat.newPrivate')}</Label>
              <Button className="select__button">
                <SelectValue />
              </Button>
              <Popover>
                <ListBox className="menu" items={others}>
                  {(p) => (
                    <ListBoxItem id={p.id} textValue={p.display_name} className="menu__item">
                      {p.display_name || t('room.unnamed')}
                    </ListBoxItem>
                  )}
                </ListBox>
              </Popover>
            </Select>
          </div>
          {current.hasMore && (
            <Button
              className="button button--link"
              isDisabled={current.loadingHistory}
              onPress={() => void actions.loadChatHistory(current.key).catch(() => undefined)}
            >
              {current.loadingHistory ? t('room.chat.loading') : t('room.chat.loadOlder')}
            </Button>
          )}
          <ChatMessages
            messages={current.messages}
            selfId={selfId}
            label={t('room.chat.messages', { conversation: currentLabel })}
            live
          />
          <ChatComposer key={current.key} target={target} label={t('room.chat.composer', { conversation: currentLabel })} />
        </>
      )}
    </div>
  );
}
