import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Dialog, Form, Heading, Input, Label, Modal, ModalOverlay, Radio, RadioGroup, TextField } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting, type DebriefScope } from '../../../meeting';
import { useRoomUi, type RoomDialog } from '../state/roomUi';
import { ShortcutsHelp } from './ShortcutsHelp';
import { PointOfOrderDialog } from './PointsOfOrder';
import { StartLegalVoteDialog } from './StartLegalVoteDialog';
import { StartPollDialog } from './StartPollDialog';
import { StartSpeakersDialog } from './StartSpeakersDialog';
import { StartTimerDialog } from './StartTimerDialog';
import { quietly } from '../logic/quietly';

function Frame({ title, children, role }: { readonly title: string; readonly children: ReactNode; readonly role?: 'dialog' | 'alertdialog' }) {
  const close = useRoomUi((s) => s.closeDialog);
  return (
    <ModalOverlay isDismissable isOpen onOpenChange={(open) => !open && close()}>
      <Modal className="modal">
        <Dialog className="dialog" role={role ?? 'dialog'}>
          <Heading slot="title" className="dialog__title">
            {title}
          </Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * Cancel and the confirm button. With `onConfirm` the confirm button runs that command and
 * closes the dialog (a failure is not reported here); without, it submits the dialog's form.
 */
function Actions({ confirm, danger, onConfirm, isDisabled }: { readonly confirm: string; readonly danger?: boolean; readonly onConfirm?: () => Promise<void>; readonly isDisabled?: boolean }) {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  return (
    <div className="dialog__actions">
      <Button className="button button--secondary" onPress={close}>
        {t('room.dialog.cancel')}
      </Button>
      <Button
        className={`button${danger ? ' button--danger' : ''}`}
        type={onConfirm ? 'button' : 'submit'}
        isDisabled={isDisabled}
        onPress={
          onConfirm &&
          (() => {
            quietly(onConfirm());
            close();
          })
        }
      >
        {confirm}
      </Button>
    </div>
  );
}

function RenameDialog({ participantId }: { readonly participantId: string }) {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  const isSelf = useMeeting((s) => s.selfId === participantId);
  const moderator = useMeeting(selectIsModerator);
  const current = useMeeting((s) => s.participants[participantId]?.display_name ?? '');
  const [name, setName] = useState(current);
  const trimmed = name.trim();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed === '') return;
    // Moderators rename themselves with `rename`, which works even when self-rename is off.
    quietly(isSelf && !moderator ? actions.setDisplayName(trimmed) : actions.rename(participantId, trimmed));
    close();
  };
  return (
    <Frame title={isSelf ? t('room.rename.titleSelf') : t('room.rename.title', { name: current })}>
      <Form onSubmit={onSubmit} className="dialog__form">
        <TextField className="text-field" value={name} onChange={setName} maxLength={100} isRequired autoFocus>
          <Label>{t('room.rename.label')}</Label>
          <Input className="text-field__input" />
        </TextField>
        <Actions confirm={t('room.rename.save')} isDisabled={trimmed === ''} />
      </Form>
    </Frame>
  );
}

function KickDialog({ participantId }: { readonly participantId: string }) {
  const { t } = useI18n();
  const name = useMeeting((s) => s.participants[participantId]?.display_name ?? '');
  return (
    <Frame title={t('room.kick.title', { name })} role="alertdialog">
      <p>{t('room.kick.text', { name })}</p>
      <Actions
        confirm={t('room.kick.confirm')}
        danger
        onConfirm={() => actions.kick(participantId)}
      />
    </Frame>
  );
}

function BanDialog({ participantId }: { readonly participantId: string }) {
  const { t } = useI18n();
  const person = useMeeting((s) => s.participants[participantId] ?? null);
  const [persistent, setPersistent] = useState(false);
  const name = person?.display_name ?? '';
  return (
    <Frame title={t('room.ban.title', { name })} role="alertdialog">
      <p>{t('room.ban.text', { name })}</p>
      {person?.kind === 'user' && (
        <Checkbox className="checkbox" isSelected={persistent} onChange={setPersistent}>
          <span className="checkbox__box" aria-hidden="true" />
          {t('room.ban.persistent')}
        </Checkbox>
      )}
      <Actions
        confirm={t('room.ban.confirm')}
        danger
        onConfirm={() => actions.ban(participantId, persistent)}
      />
    </Frame>
  );
}

function DebriefDialog() {
  const { t } = useI18n();
  const [scope, setScope] = useState<DebriefScope>('guests');
  return (
    <Frame title={t('room.debrief.title')}>
      <RadioGroup className="radio-group" value={scope} onChange={(v) => setScope(v as DebriefScope)}>
        <Label>{t('room.debrief.text')}</Label>
        <Radio value="guests" className="radio">
          {t('room.debrief.guests')}
        </Radio>
        <Radio value="guests_and_users" className="radio">
          {t('room.debrief.guestsAndUsers')}
        </Radio>
        <Radio value="everyone" className="radio">
          {t('room.debrief.everyone')}
        </Radio>
      </RadioGroup>
      <Actions
        confirm={t('room.debrief.confirm')}
        danger
        onConfirm={() => actions.debrief(scope)}
      />
    </Frame>
  );
}

function ClearChatDialog() {
  const { t } = useI18n();
  return (
    <Frame title={t('room.chat.clear')} role="alertdialog">
      <p>{t('room.chat.clearConfirm')}</p>
      <Actions
        confirm={t('room.chat.clear')}
        danger
        onConfirm={() => actions.clearChat()}
      />
    </Frame>
  );
}

function ShortcutsDialog() {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  return (
    <Frame title={t('room.shortcuts.title')}>
      <ShortcutsHelp />
      <div className="dialog__actions">
        <Button className="button" onPress={close} autoFocus>
          {t('room.dialog.close')}
        </Button>
      </div>
    </Frame>
  );
}

function DialogFor({ dialog }: { readonly dialog: RoomDialog }) {
  switch (dialog.kind) {
    case 'rename':
      return <RenameDialog participantId={dialog.participantId} />;
    case 'kick':
      return <KickDialog participantId={dialog.participantId} />;
    case 'ban':
      return <BanDialog participantId={dialog.participantId} />;
    case 'debrief':
      return <DebriefDialog />;
    case 'clearChat':
      return <ClearChatDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'pointOfOrder':
      return <PointOfOrderDialog />;
    case 'startPoll':
      return <StartPollDialog />;
    case 'startLegalVote':
      return <StartLegalVoteDialog />;
    case 'startSpeakers':
      return <StartSpeakersDialog />;
    case 'startTimer':
      return <StartTimerDialog initialKind={dialog.timerKind} />;
  }
}

/** The one open dialog of the room (kept in the room's view state). */
export function RoomDialogs() {
  const dialog = useRoomUi(useShallow((s) => s.dialog));
  return dialog === null ? null : <DialogFor dialog={dialog} />;
}
