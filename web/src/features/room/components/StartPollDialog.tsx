import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button, Checkbox, Input, Label, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions } from '../../../meeting';
import { POLL_CHOICE_MAX, POLL_CHOICES_MAX, POLL_TOPIC_MAX, pollChoices } from '../logic/polls';
import { quietly } from '../logic/quietly';
import { nearestDuration, PreparedPollSelect } from './PreparedTemplateSelect';
import { DurationSelect, ProcedureDialog } from './ProcedureDialog';

const DURATIONS = ['none', '30', '60', '120', '300', '600', '1800', '3600'] as const;
type DurationId = (typeof DURATIONS)[number];

/** Moderators: topic, 2-64 choices, single or multiple, live results or at the end, duration. */
export function StartPollDialog() {
  const { t } = useI18n();
  const [topic, setTopic] = useState('');
  const [choices, setChoices] = useState<string[]>(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [live, setLive] = useState(true);
  const [duration, setDuration] = useState<DurationId>('none');
  const valid = pollChoices(topic, choices);

  const start = () =>
    quietly(
      actions.startPoll({
        topic: topic.trim(),
        choices: valid ?? [],
        multiple,
        live,
        ...(duration === 'none' ? {} : { durationSeconds: Number(duration) }),
      }),
    );

  return (
    <ProcedureDialog
      title={t('polls.dialog.title')}
      submitLabel={t('polls.dialog.start')}
      error={valid === null ? t('polls.dialog.invalid') : null}
      onSubmit={start}
    >
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
      <DurationSelect
        label={t('polls.dialog.duration')}
        noneLabel={t('polls.dialog.duration.none')}
        options={DURATIONS}
        selected={duration}
        onSelect={setDuration}
      />
      <p className="procedure-dialog__hint">{t('polls.dialog.hint')}</p>
    </ProcedureDialog>
  );
}
