import { useI18n } from '../../../i18n';
import { selectIsModerator, useMeeting } from '../../../meeting';
import { formatTime } from './chatLabels';
import { ConnectionQuality } from './ConnectionQuality';
import { MeetingClock } from './MeetingClock';
import { SecurityIndicator } from './SecurityIndicator';

/** Room name, security state, a slow-connection warning, the meeting's running time (moderators) and the time-limit notice. */
export function TopBar() {
  const { t, language } = useI18n();
  const name = useMeeting((s) => s.room?.name ?? '');
  const moderator = useMeeting(selectIsModerator);
  const closingAt = useMeeting((s) => s.closingAt ?? s.room?.ends_at ?? null);
  return (
    <header className="room-top">
      <h1 className="room-top__name">{name || t('room.label')}</h1>
      <SecurityIndicator />
      <ConnectionQuality />
      {moderator && <MeetingClock />}
      {closingAt !== null && <p className="room-top__closing">{t('room.closingSoon', { time: formatTime(closingAt, language) })}</p>}
    </header>
  );
}
