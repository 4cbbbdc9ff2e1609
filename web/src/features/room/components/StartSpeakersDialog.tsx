import { useState } from 'react';
import { Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, type NewSpeakerQueue } from '../../../meeting';
import { quietly } from '../logic/quietly';
import { DurationSelect, ProcedureDialog } from './ProcedureDialog';

type Selection = NewSpeakerQueue['selection'];
type Order = NewSpeakerQueue['order'];
const SELECTIONS: readonly Selection[] = ['list', 'random', 'nomination', 'wheel'];
const ORDERS: readonly Order[] = ['join_time', 'name', 'random'];
/** Time limits per speaker (the protocol allows 10 s - 1 h). */
export const SPEAKER_TIME_LIMITS = ['none', '10', '30', '60', '120', '180', '300', '600'] as const;
type Limit = (typeof SPEAKER_TIME_LIMITS)[number];

/** Moderators: how the next speaker is chosen, the list's order, who is on it, a time limit. */
export function StartSpeakersDialog() {
  const { t } = useI18n();
  const [selection, setSelection] = useState<Selection>('list');
  const [order, setOrder] = useState<Order>('join_time');
  const [includeModerators, setIncludeModerators] = useState(false);
  const [appendLateJoiners, setAppendLateJoiners] = useState(true);
  const [limit, setLimit] = useState<Limit>('none');

  const start = () =>
    quietly(
      actions.startSpeakers({
        selection,
        order,
        includeModerators,
        appendLateJoiners,
        ...(limit === 'none' ? {} : { timeLimitSeconds: Number(limit) }),
      }),
    );

  return (
    <ProcedureDialog title={t('speakers.dialog.title')} submitLabel={t('speakers.dialog.start')} error={null} onSubmit={start}>
      <RadioGroup className="radio-group" value={selection} onChange={(v) => setSelection(v as Selection)}>
        <Label>{t('speakers.dialog.selection')}</Label>
        {SELECTIONS.map((s) => (
          <Radio key={s} value={s} className="radio">
            {t(`speakers.dialog.selection.${s}`)}
          </Radio>
        ))}
      </RadioGroup>
      <RadioGroup className="radio-group" value={order} onChange={(v) => setOrder(v as Order)}>
        <Label>{t('speakers.dialog.order')}</Label>
        {ORDERS.map((o) => (
          <Radio key={o} value={o} className="radio">
            {t(`speakers.dialog.order.${o}`)}
          </Radio>
        ))}
      </RadioGroup>
      <Checkbox className="checkbox" isSelected={includeModerators} onChange={setIncludeModerators}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('speakers.dialog.includeModerators')}
      </Checkbox>
      <Checkbox className="checkbox" isSelected={appendLateJoiners} onChange={setAppendLateJoiners}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('speakers.dialog.appendLateJoiners')}
      </Checkbox>
      <DurationSelect
        label={t('speakers.dialog.timeLimit')}
        noneLabel={t('speakers.dialog.timeLimit.none')}
        options={SPEAKER_TIME_LIMITS}
        selected={limit}
        onSelect={setLimit}
      />
      <p className="procedure-dialog__hint">{t('speakers.dialog.hint')}</p>
    </ProcedureDialog>
  );
}
