import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useI18n, type Translate } from '../../../i18n';
import type { EndReason } from '../../../meeting';

const REASONS: readonly EndReason[] = [
  'left', 'kicked', 'banned', 'debriefed', 'room_full', 'room_closed', 'time_limit', 'room_deleted',
  'ended_by_moderator', 'server_shutdown', 'replaced', 'too_slow', 'resume_failed', 'connection_lost',
  'rejected', 'join_timeout', 'protocol_error',
];

export function endReasonText(t: Translate, reason: EndReason | null): string {
  const known = REASONS.find((r) => r === reason);
  return known === undefined ? t('room.ended.unknown') : t(`room.ended.${known}`);
}

/** After the meeting ended for this device: why, and the way back. */
export function MeetingEnded({ reason, onLeave }: { readonly reason: EndReason | null; readonly onLeave: () => void }) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <main className="room-status" aria-labelledby="room-ended-title">
      <h1 id="room-ended-title" ref={headingRef} tabIndex={-1} className="room-status__title">
        {t('room.ended.title')}
      </h1>
      <p role="status">{endReasonText(t, reason)}</p>
      <Button className="button" onPress={onLeave}>
        {t('room.ended.back')}
      </Button>
    </main>
  );
}

/** Connecting, or sent back to the waiting room. */
export function MeetingWaiting({ phase }: { readonly phase: 'idle' | 'connecting' | 'waiting' }) {
  const { t } = useI18n();
  return (
    <main className="room-status" aria-busy="true">
      {phase === 'waiting' ? (
        <>
          <h1 className="room-status__title">{t('room.waiting.title')}</h1>
          <p role="status">{t('room.waiting.text')}</p>
        </>
      ) : (
        <p role="status" className="room-status__connecting">
          <span className="spinner" aria-hidden="true" />
          {t('room.connecting')}
        </p>
      )}
    </main>
  );
}

/** Over the room while the connection resumes; the room stays visible underneath. */
export function ReconnectingOverlay() {
  const { t } = useI18n();
  return (
    <div className="reconnecting" role="alert" aria-busy="true">
      <div className="reconnecting__box">
        <span className="spinner" aria-hidden="true" />
        <div>
          <p className="reconnecting__title">{t('room.reconnecting.title')}</p>
          <p>{t('room.reconnecting.text')}</p>
        </div>
      </div>
    </div>
  );
}
