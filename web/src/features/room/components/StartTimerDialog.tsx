import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Dialog, Form, Heading, Input, Label, Modal, ModalOverlay, NumberField, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, type NewTimer } from '../../../meeting';
import { timerDuration } from '../logic/timer';
import { useRoomUi } from '../state/roomUi';

type Kind = NewTimer['kind'];
const KINDS: readonly Kind[] = ['countdown', 'stopwatch', 'coffee_break'];

/** Moderators: a stopwatch, countdown (with optional ready check) or coffee break. */
export function StartTimerDialog({ initialKind }: { readonly initialKind: Kind }) {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  const [kind, setKind] = useState<Kind>(initialKind);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState(initialKind === 'coffee_break' ? 15 : 5);
  const [seconds, setSeconds] = useState(0);
  const [readyCheck, setReadyCheck] = useState(false);
  const [tried, setTried] = useState(false);
  const timed = kind !== 'stopwatch';
  const duration = timerDuration(minutes, seconds);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (timed && duration === null) return;
    void actions
      .startTimer({
        kind,
        ...(title.trim() === '' ? {} : { title: title.trim() }),
        ...(timed && duration !== null ? { durationSeconds: duration } : {}),
        ...(kind === 'coffee_break' ? {} : { readyCheck }),
      })
      .catch(() => undefined);
    close();
  };

  return (
    <ModalOverlay isDismissable isOpen onOpenChange={(open) => !open && close()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {initialKind === 'coffee_break' ? t('timer.dialog.titleBreak') : t('timer.dialog.title')}
          </Heading>
          <Form onSubmit={onSubmit} className="dialog__form">
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
            {tried && timed && duration === null && (
              <p role="alert" className="poll-dialog__error">
                {t('timer.dialog.invalid')}
              </p>
            )}
            <div className="dialog__actions">
              <Button className="button button--secondary" onPress={close}>
                {t('room.dialog.cancel')}
              </Button>
              <Button className="button" type="submit">
                {t('timer.dialog.start')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
