import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n';
import type { ChatMessage } from '../../../meeting';
import { formatTime } from './chatLabels';

/** A list of chat messages (a live log for the open conversation, static for search results). */
export function ChatMessages({
  messages,
  selfId,
  label,
  live,
  header,
}: {
  readonly messages: readonly ChatMessage[];
  readonly selfId: string | null;
  readonly label: string;
  readonly live: boolean;
  readonly header?: (message: ChatMessage) => string | null;
}) {
  const { t, language } = useI18n();
  const boxRef = useRef<HTMLDivElement>(null);
  const lastId = messages[messages.length - 1]?.id;

  // Follow new messages when the reader is at (or near) the bottom.
  const nearBottom = useRef(true);
  useEffect(() => {
    const box = boxRef.current;
    if (box !== null && nearBottom.current) box.scrollTop = box.scrollHeight;
  }, [lastId]);

  return (
    <div
      ref={boxRef}
      className="chat-messages"
      role={live ? 'log' : 'region'}
      aria-label={label}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 ? (
        <p className="chat-messages__empty">{t('room.chat.empty')}</p>
      ) : (
        <ol className="chat-messages__list">
          {messages.map((m) => {
            const context = header?.(m) ?? null;
            return (
              <li key={m.id} className={`chat-message${m.sender === selfId ? ' chat-message--own' : ''}`}>
                <div className="chat-message__meta">
                  <span className="chat-message__sender">{m.sender_name || t('room.unnamed')}</span>
                  {context !== null && <span className="chat-message__context">{context}</span>}
                  <time dateTime={new Date(m.sent_at).toISOString()} className="chat-message__time">
                    {formatTime(m.sent_at, language)}
                  </time>
                </div>
                <p className="chat-message__text">{m.content}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
