import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { useRoomUi } from '../state/roomUi';
import { PanelSelect } from './PanelFields';
import { durationText } from '../logic/durations';
import '../procedures.css';

/**
 * The frame of the dialogs of the meeting procedures (start a poll, timer, legal vote, speaker
 * list; raise a point of order): title, the form's fields, an error line once a submit failed validation, Cancel and the
 * submit button. `onSubmit` runs with a valid form (`error === null`); the dialog closes after it.
 */
export function ProcedureDialog({
  title,
  submitLabel,
  error,
  submitDisabled = false,
  onSubmit,
  children,
}: {
  readonly title: string;
  readonly submitLabel: string;
  /** Why the form cannot be sent (null: it can); shown after the first attempt. */
  readonly error: string | null;
  /** The submit button is disabled (instead of explaining with `error`). */
  readonly submitDisabled?: boolean;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (error !== null || submitDisabled) return;
    onSubmit();
    close();
  };
  return (
    <ModalOverlay isDismissable isOpen onOpenChange={(open) => !open && close()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {title}
          </Heading>
          <Form onSubmit={submit} className="dialog__form">
            {children}
            {tried && error !== null && (
              <p role="alert" className="procedure-dialog__error">
                {error}
              </p>
            )}
            <div className="dialog__actions">
              <Button className="button button--secondary" onPress={close}>
                {t('room.dialog.cancel')}
              </Button>
              <Button className="button" type="submit" isDisabled={submitDisabled}>
                {submitLabel}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** A drop-down of durations: 'none' (labelled `noneLabel`) or whole seconds as strings. */
export function DurationSelect<T extends string>({
  label,
  noneLabel,
  options,
  selected,
  onSelect,
}: {
  readonly label: string;
  readonly noneLabel: string;
  readonly options: readonly T[];
  readonly selected: T;
  readonly onSelect: (id: T) => void;
}) {
  const { t } = useI18n();
  const labelOf = (id: T): string => (id === 'none' ? noneLabel : durationText(t, Number(id)));
  return <PanelSelect label={label} options={options.map((id) => ({ id, label: labelOf(id) }))} selected={selected} onSelect={onSelect} />;
}
