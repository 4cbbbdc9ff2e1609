import { useId } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Switch } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, useMeeting, type WaitingRoomMode } from '../../../meeting';
import { useRoomUi } from '../state/roomUi';

function quietly(p: Promise<void>): void {
  void p.catch(() => undefined);
}

const MODES: readonly WaitingRoomMode[] = ['off', 'guests', 'everyone'];

function ToggleRow({ label, value, onChange }: { readonly label: string; readonly value: boolean; readonly onChange: (v: boolean) => void }) {
  return (
    <Switch className="switch" isSelected={value} onChange={onChange}>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      {label}
    </Switch>
  );
}

/** Room-wide moderator actions: lock, mute all, lower hands, waiting room, features, end. */
export function ModeratorTools() {
  const { t } = useI18n();
  const headingId = useId();
  const locked = useMeeting((s) => s.moderation.locked);
  const selfRename = useMeeting((s) => s.moderation.self_rename);
  const mode = useMeeting((s) => s.waitingRoomMode);
  const handsEnabled = useMeeting((s) => s.hands.enabled);
  const anyHand = useMeeting((s) => s.hands.raised.length > 0);
  const reactionsEnabled = useMeeting((s) => s.reactions.enabled);
  const chatEnabled = useMeeting((s) => s.chat.enabled);
  const openDialog = useRoomUi((s) => s.openDialog);

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-section__title">
        {t('room.moderation')}
      </h2>
      <div className="moderator-tools">
        <div className="moderator-tools__buttons">
          <Button className="button button--small button--secondary" onPress={() => quietly(actions.requestMute('everyone'))}>
            {t('room.moderation.muteAll')}
          </Button>
          <Button
            className="button button--small button--secondary"
            isDisabled={!anyHand}
            onPress={() => quietly(actions.lowerHands('everyone'))}
          >
            {t('room.moderation.lowerAll')}
          </Button>
          <Button className="button button--small button--danger" onPress={() => openDialog({ kind: 'debrief' })}>
            {t('room.moderation.debrief')}
          </Button>
        </div>
        <ToggleRow label={t('room.moderation.lock')} value={locked} onChange={(v) => quietly(actions.lockRoom(v))} />
        <Select
          className="select"
          selectedKey={mode}
          onSelectionChange={(key) => {
            const next = MODES.find((m) => m === key);
            if (next !== undefined && next !== mode) quietly(actions.setWaitingRoomMode(next));
          }}
        >
          <Label className="select__label">{t('room.moderation.waitingMode')}</Label>
          <Button className="select__button">
            <SelectValue />
          </Button>
          <Popover className="popover">
            <ListBox className="menu">
              {MODES.map((m) => (
                <ListBoxItem key={m} id={m} className="menu__item">
                  {t(`room.moderation.waitingMode.${m}`)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <ToggleRow label={t('room.moderation.handsEnabled')} value={handsEnabled} onChange={(v) => quietly(actions.setHandsEnabled(v))} />
        <ToggleRow
          label={t('room.moderation.reactionsEnabled')}
          value={reactionsEnabled}
          onChange={(v) => quietly(actions.setReactionsEnabled(v))}
        />
        <ToggleRow label={t('room.moderation.chatEnabled')} value={chatEnabled} onChange={(v) => quietly(actions.setChatEnabled(v))} />
        <ToggleRow label={t('room.moderation.selfRename')} value={selfRename} onChange={(v) => quietly(actions.setSelfRename(v))} />
      </div>
    </section>
  );
}
