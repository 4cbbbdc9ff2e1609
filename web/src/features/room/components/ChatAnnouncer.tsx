import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n';
import { useMeeting } from '../../../meeting';
import { useRoomUi } from '../state/roomUi';

/**
 * Tells screen reader users about a new message from someone else while the chat is not open
 * (the open chat's log announces them itself).
 */
export function ChatAnnouncer() {
  const { t } = useI18n();
  const chatOpen = useRoomUi((s) => s.panel === 'chat');
  const latest = useMeeting((s) => {
    let best: { id: number; sender: string; name: string } | null = null;
    for (const c of Object.values(s.chat.conversations)) {
      const m = c.messages[c.messages.length - 1];
      if (m !== undefined && m.sender !== s.selfId && (best === null || m.id > best.id)) {
        best = { id: m.id, sender: m.sender, name: m.sender_name };
      }
    }
    return best === null ? null : `${best.id}|${best.name}`;
  });
  const [text, setText] = useState('');
  const lastAnnounced = useRef<string | null>(latest);
  useEffect(() => {
    if (latest === null || latest === lastAnnounced.current) return;
    lastAnnounced.current = latest;
    if (!chatOpen) setText(t('room.chat.newMessage', { name: latest.slice(latest.indexOf('|') + 1) }));
  }, [latest, chatOpen, t]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {text}
    </div>
  );
}
