import { useId } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, useMeeting, type WaitingRoomMode } from '../../../meeting';
import { useRoomUi } from '../state/roomUi';
import { PanelSelect, PanelSwitch } from './PanelFields';
import { quietly } from '../logic/quietly';

const MODES: readonly WaitingRoomMode[] = ['off', 'guests', 'everyone'];

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
  const legalVoteRunning = useMeeting((s) => s.legalVote.votes.some((v) => v.state === 'running'));
  const registered = useMeeting((s) => (s.selfId === null ? false : s.participants[s.selfId]?.kind === 'user'));
  const timerRunning = useMeeting((s) => s.timer.current !== null);
  const speakersRunning = useMeeting((s) => s.speakers.queue !== null);
  const pollRunning = useMeeting((s) => s.polls.current !== null && s.polls.current.ended_at === undefined);

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
          <Button
            className="button button--small button--secondary"
            isDisabled={pollRunning}
            onPress={() => openDialog({ kind: 'startPoll' })}
          >
            {t('polls.start')}
          </Button>
          <Button
            className="button button--small button--secondary"
            isDisabled={timerRunning}
            onPress={() => openDialog({ kind: 'startTimer', timerKind: 'countdown' })}
          >
            {t('timer.start')}
          </Button>
          <Button
            className="button button--small button--secondary"
            isDisabled={timerRunning}
            onPress={() => openDialog({ kind: 'startTimer', timerKind: 'coffee_break' })}
          >
            {t('timer.startBreak')}
          </Button>
          <Button
            className="button button--small button--secondary"
            isDisabled={speakersRunning}
            onPress={() => openDialog({ kind: 'startSpeakers' })}
          >
            {t('speakers.start')}
          </Button>
          {registered && (
            <Button
              className="button button--small button--secondary"
              isDisabled={legalVoteRunning}
              onPress={() => openDialog({ kind: 'startLegalVote' })}
            >
              {t('legalVote.start')}
            </Button>
          )}
          <Button className="button button--small button--danger" onPress={() => openDialog({ kind: 'debrief' })}>
            {t('room.moderation.debrief')}
          </Button>
        </div>
        <PanelSwitch label={t('room.moderation.lock')} value={locked} onChange={(v) => quietly(actions.lockRoom(v))} />
        <PanelSelect
          label={t('room.moderation.waitingMode')}
          options={MODES.map((m) => ({ id: m, label: t(`room.moderation.waitingMode.${m}`) }))}
          selected={mode}
          onSelect={(next) => {
            if (next !== mode) quietly(actions.setWaitingRoomMode(next));
          }}
        />
        <PanelSwitch label={t('room.moderation.handsEnabled')} value={handsEnabled} onChange={(v) => quietly(actions.setHandsEnabled(v))} />
        <PanelSwitch
          label={t('room.moderation.reactionsEnabled')}
          value={reactionsEnabled}
          onChange={(v) => quietly(actions.setReactionsEnabled(v))}
        />
        <PanelSwitch label={t('room.moderation.chatEnabled')} value={chatEnabled} onChange={(v) => quietly(actions.setChatEnabled(v))} />
        <PanelSwitch label={t('room.moderation.selfRename')} value={selfRename} onChange={(v) => quietly(actions.setSelfRename(v))} />
      </div>
    </section>
  );
}
