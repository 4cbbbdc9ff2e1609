import { useState } from 'react';
import { Button, Dialog, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup } from 'react-aria-components';
import { cancelOccurrence, deleteEvent } from '../../../api/events';
import { useI18n } from '../../../i18n';
import { ErrorAlert } from './ErrorAlert';

export interface DeleteTarget {
  readonly eventId: string;
  readonly title: string;
  /** Set for one occurrence of a recurring meeting: its original start and how to name it. */
  readonly occurrence: { readonly originalStart: string; readonly label: string } | null;
}

interface Props {
  readonly target: DeleteTarget | null;
  readonly onClose: () => void;
  /** After deleting: what happened, for the page's status message. */
  readonly onDeleted: (message: string) => void;
}

/** Confirms deleting a meeting; for an occurrence of a series, asks which of the two. */
export function DeleteMeetingDialog({ target, onClose, onDeleted }: Props) {
  return (
    <ModalOverlay
      isDismissable
      isOpen={target !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className="dash-modal">
        {target !== null && <DeleteDialogBody target={target} onClose={onClose} onDeleted={onDeleted} />}
      </Modal>
    </ModalOverlay>
  );
}

function DeleteDialogBody({ target, onClose, onDeleted }: Props & { readonly target: DeleteTarget }) {
  const { t } = useI18n();
  const [scope, setScope] = useState<'occurrence' | 'series'>('occurrence');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const occurrence = target.occurrence;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      if (occurrence !== null && scope === 'occurrence') {
        await cancelOccurrence(target.eventId, occurrence.originalStart);
        onDeleted(t('dash.delete.occurrenceDone', { title: target.title }));
      } else {
        await deleteEvent(target.eventId);
        onDeleted(t('dash.delete.done', { title: target.title }));
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog className="dash-dialog" role="alertdialog">
      <Heading slot="title" className="dash-dialog__title">
        {t('dash.delete.title')}
      </Heading>
      <p>{t('dash.delete.question', { title: target.title })}</p>
      {occurrence !== null ? (
        <RadioGroup
          className="dash-radio-group"
          value={scope}
          onChange={(value) => setScope(value === 'series' ? 'series' : 'occurrence')}
        >
          <Label className="dash-radio-group__label">{t('dash.delete.scope')}</Label>
          <Radio className="dash-radio" value="occurrence">
            {t('dash.delete.occurrence', { when: occurrence.label })}
          </Radio>
          <Radio className="dash-radio" value="series">
            {t('dash.delete.series')}
          </Radio>
        </RadioGroup>
      ) : (
        <p>{t('dash.delete.single')}</p>
      )}
      {error !== null && <ErrorAlert title={t('dash.delete.error')} error={error} />}
      <div className="dash-dialog__actions">
        <Button className="button dash-button--secondary" onPress={onClose} isDisabled={busy}>
          {t('dash.cancel')}
        </Button>
        <Button className="button dash-button--danger" onPress={() => void remove()} isDisabled={busy}>
          {busy ? t('dash.delete.deleting') : t('dash.delete.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
