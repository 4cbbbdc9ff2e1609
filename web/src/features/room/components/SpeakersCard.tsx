import { Mic } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n';
import {
  currentSpeakerId,
  displayNameOf,
  isCurrentSpeaker,
  isSpeakerTimeUp,
  isWheelSpinning,
  selectIsModerator,
  speakerPosition,
  speakerTimeLeft,
  useMeeting,
  type SpeakerQueue,
} from '../../../meeting';
import { useServerNow } from '../hooks/useServerNow';
import { formatDuration } from '../logic/polls';
import { playSignalTone } from '../logic/tone';
import { useRoomUi } from '../state/roomUi';
import { PanelSwitch } from './PanelFields';
import { ProcedureCard } from './ProcedureCard';
import { SpeakerLists } from './SpeakerLists';
import { SpeakerModeratorControls, YieldControls } from './SpeakerControls';
import { SpeakerWheel } from './SpeakerWheel';
import '../speakers.css';

/** Who has the word, and their time left (red with "Time is up" once it ran out). */
function CurrentSpeaker({ queue }: { readonly queue: SpeakerQueue }) {
  const { t } = useI18n();
  const current = queue.current;
  const name = useMeeting((s) => (current === undefined ? '' : displayNameOf(s, current.participant_id)));
  const self = useMeeting((s) => isCurrentSpeaker(s));
  const spinning = useMeeting(isWheelSpinning);
  const timeUp = useMeeting(isSpeakerTimeUp);
  const position = useMeeting((s) => speakerPosition(s));
  const now = useServerNow(current?.ends_at !== undefined);
  const left = useMeeting((s) => speakerTimeLeft(s, now));
  const up = timeUp || (left !== null && left <= 0);
  let who = t('speakers.nobody');
  if (spinning) who = t('speakers.spinning');
  else if (current !== undefined) who = self ? t('speakers.currentSelf') : t('speakers.current', { name: name || t('room.unnamed') });
  return (
    <div
      className={`speakers__current${self ? ' speakers__current--self' : ''}`}
      data-testid="current-speaker"
      data-participant-id={spinning ? '' : (current?.participant_id ?? '')}
    >
      <p className="speakers__who">{who}</p>
      {!spinning && left !== null && (
        <p role="timer" className={`speakers__time${up ? ' speakers__time--up' : ''}`} data-testid="speaker-time" data-time-up={timeUp}>
          {up ? t('speakers.timeUp') : t('speakers.timeLeft', { time: formatDuration(left) })}
        </p>
      )}
      {position !== null && <p className="speakers__hint">{t('speakers.position', { n: position })}</p>}
    </div>
  );
}

/**
 * Screen-reader announcements of the round (who has the word, the wheel's choice, time up) and
 * the tone when a speaker's time is up (unless sounds are off). Mounted while a round runs, also
 * when the card is hidden.
 */
function SpeakersSignals({ queue }: { readonly queue: SpeakerQueue }) {
  const { t } = useI18n();
  const current = useMeeting(currentSpeakerId);
  const name = useMeeting((s) => (current === null ? '' : displayNameOf(s, current)));
  const timeUp = useMeeting(isSpeakerTimeUp);
  const wheelChose = useMeeting((s) => current !== null && s.speakers.lastSpin?.winner === current);
  const sounds = useRoomUi((s) => s.soundsEnabled);
  const signalled = useRef<string | null>(null);
  const turnKey = `${queue.id}/${current ?? ''}/${queue.current?.started_at ?? ''}`;
  useEffect(() => {
    if (!timeUp || signalled.current === turnKey) return;
    signalled.current = turnKey;
    if (sounds) playSignalTone();
  }, [timeUp, turnKey, sounds]);
  let message = '';
  if (current !== null) {
    const shown = name || t('room.unnamed');
    if (timeUp) message = t('speakers.timeUpFor', { name: shown });
    else if (wheelChose) message = t('speakers.chosen', { name: shown });
    else message = t('speakers.current', { name: shown });
  }
  return (
    <p role="status" className="visually-hidden" data-testid="speakers-announcer">
      {message}
    </p>
  );
}

/**
 * The speaker round as a card over the stage (top right): who has the word and their time, the
 * wheel of names, "Pass the word" for the speaker, the lists, and for moderators next / skip /
 * add / give the word / remove / end.
 */
export function SpeakersCard() {
  const { t } = useI18n();
  const queue = useMeeting((s) => s.speakers.queue);
  const lastSpin = useMeeting((s) => s.speakers.lastSpin);
  const moderator = useMeeting(selectIsModerator);
  const self = useMeeting((s) => isCurrentSpeaker(s));
  const sounds = useRoomUi((s) => s.soundsEnabled);
  const setSounds = useRoomUi((s) => s.setSoundsEnabled);
  if (queue === null) return null;
  return (
    <>
      <SpeakersSignals queue={queue} />
      <ProcedureCard
        itemId={queue.id}
        running
        variant="speakers"
        icon={Mic}
        kind={t(`speakers.selection.${queue.selection}`)}
        title={t('speakers.card')}
        labels={{ hide: t('speakers.hide'), show: t('speakers.show'), close: t('speakers.hide') }}
        testId="speakers-card"
        data={{ 'data-queue-id': queue.id, 'data-selection': queue.selection }}
      >
        <CurrentSpeaker queue={queue} />
        {queue.selection === 'wheel' && lastSpin !== null && <SpeakerWheel spin={lastSpin} />}
        {self && <YieldControls queue={queue} />}
        {moderator && <SpeakerModeratorControls queue={queue} />}
        <SpeakerLists queue={queue} />
        {queue.time_limit_seconds !== undefined && (
          <PanelSwitch label={t('speakers.sounds')} value={sounds} onChange={setSounds} />
        )}
      </ProcedureCard>
    </>
  );
}
