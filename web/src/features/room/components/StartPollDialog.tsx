import { Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Dialog, Form, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions } from '../../../meeting';
import { POLL_CHOICE_MAX, POLL_CHOICES_MAX, POLL_TOPIC_MAX, pollChoices } from '../logic/polls';
import { useRoomUi } from '../state/roomUi';
import { PanelSelect } from './PanelFields';
import { nearestDuration, PreparedPollSelect } from './PreparedTemplateSelect';

const DURATIONS = ['none', '30', '60', '120', '300', '600', '1800', '3600'] as const;
type DurationId = (typeof DURATIONS)[number];

/** Moderators: topic, 2-64 choices, single or multiple, live results or at the end, duration. */
export function StartPollDialog() {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  const [topic, setTopic] = useState('');
  const [choices, setChoices] = useState<string[]>(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [live, setLive] = useState(true);
  const [duration, setDuration] = useState<DurationId>('none');
  const [tried, setTried] = useState(false);
  const valid = pollChoices(topic, choices);

  const durationLabel = (id: DurationId): string => {
    if (id === 'none') return t('polls.dialog.duration.none');
    const seconds = Number(id);
    if (seconds < 60) return t('polls.dialog.duration.seconds', { n: seconds });
    if (seconds === 3600) return t('polls.dialog.duration.hour');
    return t('polls.dialog.duration.minutes', { n: seconds / 60 });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid === null) return;
    void actions
      .startPoll({
        topic: topic.trim(),
        choices: valid,
        multiple,
        live,
        ...(duration === 'none' ? {} : { durationSeconds: Number(duration) }),
      })
      .catch(() => undefined);
    close();
  };

  return (
    <ModalOverlay isDismissable isOpen onOpenChange={(open) => !open && close()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('polls.dialog.title')}
          </Heading>
          <Form onSubmit={onSubmit} className="dialog__form">
            <PreparedPollSelect
              onPick={(p) => {
                setTopic(p.topic);
                setChoices([...p.choices]);
                setMultiple(p.multiple);
                setLive(p.live);
                setDuration(nearestDuration(p.duration_seconds, DURATIONS));
              }}
            />
            <TextField className="text-field" value={topic} onChange={setTopic} maxLength={POLL_TOPIC_MAX} isRequired autoFocus>
              <Label>{t('polls.dialog.topic')}</Label>
              <Input className="text-field__input" />
            </TextField>
            <fieldset className="poll-dialog__choices">
              <legend>{t('polls.choices')}</legend>
              {choices.map((choice, i) => (
                <div key={i} className="poll-dialog__choice">
                  <TextField
                    className="text-field"
                    value={choice}
                    maxLength={POLL_CHOICE_MAX}
                    onChange={(v) => setChoices(choices.map((c, j) => (j === i ? v : c)))}
                  >
                    <Label>{t('polls.dialog.choice', { n: i + 1 })}</Label>
                    <Input className="text-field__input" />
                  </TextField>
                  {choices.length > 2 && (
                    <Button
                      className="icon-button icon-button--small"
                      aria-label={t('polls.dialog.removeChoice', { n: i + 1 })}
                      onPress={() => setChoices(choices.filter((_, j) => j !== i))}
                    >
                      <Trash2 aria-hidden="true" size={16} />
                    </Button>
                  )}
                </div>
              ))}
              {choices.length < POLL_CHOICES_MAX && (
                <Button className="button button--small button--secondary" onPress={() => setChoices([...choices, ''])}>
                  <Plus aria-hidden="true" size={16} />
                  {t('polls.dialog.addChoice')}
                </Button>
              )}
            </fieldset>
            <Checkbox className="checkbox" isSelected={multiple} onChange={setMultiple}>
              <span className="checkbox__box" aria-hidden="true" />
              {t('polls.dialog.multiple')}
            </Checkbox>
            <Checkbox className="checkbox" isSelected={live} onChange={setLive}>
              <span className="checkbox__box" aria-hidden="true" />
              {t('polls.dialog.live')}
            </Checkbox>
            <PanelSelect
              label={t('polls.dialog.duration')}
              options={DURATIONS.map((id) => ({ id, label: durationLabel(id) }))}
              selected={duration}
              onSelect={setDuration}
            />
            <p className="poll-dialog__hint">{t('polls.dialog.hint')}</p>
            {tried && valid === null && (
              <p role="alert" className="poll-dialog__error">
                {t('polls.dialog.invalid')}
              </p>
            )}
            <div className="dialog__actions">
              <Button className="button button--secondary" onPress={close}>
                {t('room.dialog.cancel')}
              </Button>
              <Button className="button" type="submit">
                {t('polls.dialog.start')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
