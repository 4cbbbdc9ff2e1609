import { Gavel, X } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting } from '../../../meeting';
import '../procedures.css';
import { quietly } from '../logic/quietly';
import { ProcedureDialog } from './ProcedureDialog';

/**
 * Raised points of order, oldest first, at the top of the people panel (before the waiting room
 * and the raised hands): name and reason; moderators clear one or all, the participant withdraws
 * their own.
 */
export function PointsOfOrderSection() {
  const { t } = useI18n();
  const headingId = useId();
  const raised = useMeeting(useShallow((s) => s.pointsOfOrder.raised));
  const names = useMeeting(useShallow((s) => s.pointsOfOrder.raised.map((p) => s.participants[p.participant_id]?.display_name ?? '')));
  const selfId = useMeeting((s) => s.selfId);
  const moderator = useMeeting(selectIsModerator);
  if (raised.length === 0) return null;
  return (
    <section className="panel-section points-of-order" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-section__title">
        <Gavel aria-hidden="true" size={16} /> {t('order.section', { count: raised.length })}
      </h2>
      <ul className="points-of-order__list">
        {raised.map((point, i) => {
          const name = names[i] ?? '';
          return (
            <li key={point.participant_id} className="points-of-order__item" data-participant-id={point.participant_id}>
              <span className="points-of-order__text">{t('order.entry', { name, reason: point.reason })}</span>
              {point.participant_id === selfId ? (
                <Button className="button button--small button--secondary" onPress={() => quietly(actions.withdrawPointOfOrder())}>
                  {t('order.withdraw')}
                </Button>
              ) : (
                moderator && (
                  <Button
                    className="icon-button icon-button--small"
                    aria-label={t('order.clear', { name })}
                    onPress={() => quietly(actions.clearPointsOfOrder([point.participant_id]))}
                  >
                    <X aria-hidden="true" size={16} />
                  </Button>
                )
              )}
            </li>
          );
        })}
      </ul>
      {moderator && raised.length > 1 && (
        <Button className="button button--small button--secondary" onPress={() => quietly(actions.clearPointsOfOrder('everyone'))}>
          {t('order.clearAll')}
        </Button>
      )}
    </section>
  );
}

/** "Point of order…" from the More menu: a reason (1-200 characters). */
export function PointOfOrderDialog() {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <ProcedureDialog
      title={t('order.dialog.title')}
      submitLabel={t('order.dialog.raise')}
      error={null}
      submitDisabled={trimmed === ''}
      onSubmit={() => quietly(actions.raisePointOfOrder(trimmed))}
    >
      <p className="procedure-dialog__text">{t('order.dialog.text')}</p>
      <TextField className="text-field" value={reason} onChange={setReason} maxLength={200} isRequired autoFocus>
        <Label>{t('order.dialog.reason')}</Label>
        <Input className="text-field__input" />
      </TextField>
    </ProcedureDialog>
  );
}
