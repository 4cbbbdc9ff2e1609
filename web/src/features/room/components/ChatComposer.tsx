import { Send } from 'lucide-react';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, type ChatTarget } from '../../../meeting';

const MAX_LENGTH = 4000;

/** The message field: Enter sends, Shift+Enter breaks the line. */
export function ChatComposer({ target, label }: { readonly target: ChatTarget; readonly label: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const hintId = useId();
  const errorId = useId();

  const send = () => {
    const content = text.trim();
    if (content === '' || sending) return;
    setSending(true);
    setFailed(false);
    actions
      .sendChat(target, content)
      .then(() => setText(''))
      .catch(() => setFailed(true))
      .finally(() => setSending(false));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="chat-composer" onSubmit={onSubmit}>
      <TextField className="chat-composer__field" value={text} onChange={setText} maxLength={MAX_LENGTH}>
        <Label className="visually-hidden">{label}</Label>
        <TextArea
          className="chat-composer__input"
          rows={2}
          placeholder={label}
          onKeyDown={onKeyDown}
          aria-describedby={failed ? `${hintId} ${errorId}` : hintId}
        />
      </TextField>
      <Button type="submit" className="icon-button icon-button--accent" aria-label={t('room.chat.send')} isDisabled={text.trim() === ''}>
        <Send aria-hidden="true" size={18} />
      </Button>
      <p id={hintId} className="visually-hidden">
        {t('room.chat.sendHint')}
      </p>
      {failed && (
        <p id={errorId} className="chat-composer__error" role="alert">
          {t('room.chat.sendFailed')}
        </p>
      )}
    </form>
  );
}
