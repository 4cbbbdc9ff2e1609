import { Clock } from 'lucide-react';
import { useI18n } from '../../../i18n';
import { useMeeting } from '../../../meeting';
import { useServerNow } from '../hooks/useServerNow';
import { formatDuration } from '../logic/people';

/** How long the meeting has been running (since `room.started_at`, by the server's clock). */
export function MeetingClock() {
  const { t } = useI18n();
  const startedAt = useMeeting((s) => s.room?.started_at ?? 0);
  const now = useServerNow(startedAt > 0, 1000);
  if (startedAt <= 0) return null;
  return (
    <p className="room-top__clock" role="timer" data-testid="meeting-time">
      <Clock aria-hidden="true" size={16} />
      {t('room.meetingTime', { time: formatDuration(now - startedAt) })}
    </p>
  );
}
