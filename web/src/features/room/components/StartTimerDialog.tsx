import { useState } from 'react';
import { Checkbox, Input, Label, NumberField, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, type NewTimer } from '../../../meeting';
import { quietly } from '../logic/quietly';
import { timerDuration } from '../logic/timer';
import { ProcedureDialog } from './ProcedureDialog';

type Kind = NewTimer['kind'];
const KINDS: readonly Kind[] = ['countdown', 'stopwatch', 'coffee_break'];

/** Moderators: a stopwatch, countdown (with optional ready check) or coffee break. */
export function StartTimerDialog({ initialKind }: { readonly initialKind: Kind }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>(initialKind);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(initialKind === 'coffee_break' ? 15 : 5);
  const [seconds, setSeconds] = useState(0);
  const [readyCheck, setReadyCheck] = useState(false);
  const timed = kind !== 'stopwatch';
  const duration = timerDuration(minutes, seconds);

  const start = () =>
    quietly(
      actions.startTimer({
        kind,
        ...(title.trim() === '' ? {} : { title: title.trim() }),
        ...(timed && duration !== null ? { durationSeconds: duration } : {}),
        ...(kind === 'coffee_break' ? {} : { readyCheck }),
      }),
    );

  return (
    <ProcedureDialog
      title={initialKind === 'coffee_break' ? t('timer.dialog.titleBreak') : t('timer.dialog.title')}
      submitLabel={t('timer.dialog.start')}
      error={timed && duration === null ? t('timer.dialog.invalid') : null}
      onSubmit={start}
    >
      <RadioGroup className="radio-group" value={kind} onChange={(v) => setKind(v as Kind)}>
        <Label>{t('timer.dialog.kind')}</Label>
        {KINDS.map((k) => (
          <Radio key={k} value={k} className="radio">
            {t(`timer.kind.${k}`)}
          </Radio>
        ))}
      </RadioGroup>
      <TextField className="text-field" value={title} onChange={setTitle} maxLength={100}>
        <Label>{t('timer.dialog.name')}</Label>
        <Input className="text-field__input" />
      </TextField>
      {timed && (
        <div className="timer-dialog__duration">
          <NumberField className="text-field" value={minutes} onChange={(v) => setMinutes(Number.isNaN(v) ? 0 : v)} minValue={0} maxValue={1440}>
            <Label>{t('timer.dialog.minutes')}</Label>
            <Input className="text-field__input" />
          </NumberField>
          <NumberField className="text-field" value={seconds} onChange={(v) => setSeconds(Number.isNaN(v) ? 0 : v)} minValue={0} maxValue={59}>
            <Label>{t('timer.dialog.seconds')}</Label>
            <Input className="text-field__input" />
          </NumberField>
        </div>
      )}
      {kind !== 'coffee_break' && (
        <Checkbox className="checkbox" isSelected={readyCheck} onChange={setReadyCheck}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('timer.dialog.readyCheck')}
        </Checkbox>
      )}
    </ProcedureDialog>
  );
}
