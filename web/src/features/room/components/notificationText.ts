import type { Translate } from '../../../i18n';
import type { MeetingNotification, NotificationCode } from '../../../meeting';
import { formatTime } from './chatLabels';

type PlainCode = Exclude<NotificationCode, 'renamed' | 'waiter_entered' | 'room_closing' | 'action_failed' | 'point_of_order_raised'>;

const KNOWN_FAILURES = ['forbidden', 'disabled', 'rate_limited', 'not_allowed_now', 'not_found', 'media_unavailable'] as const;

/** The sentence shown for a notification of the meeting core. */
export function notificationText(t: Translate, n: MeetingNotification, language: string): string {
  const param = (name: string): string => {
    const v = n.params[name];
    return v === undefined ? '' : String(v);
  };
  switch (n.code) {
    case 'renamed':
      return t('room.notify.renamed', { display_name: param('display_name') });
    case 'waiter_entered':
      return t('room.notify.waiter_entered', { display_name: param('display_name') });
    case 'point_of_order_raised':
      return t('room.notify.point_of_order_raised', { display_name: param('display_name'), reason: param('reason') });
    case 'room_closing': {
      const at = Number(n.params.at);
      return t('room.notify.room_closing', { time: Number.isFinite(at) ? formatTime(at, language) : '' });
    }
    case 'action_failed': {
      const code = param('code');
      const known = KNOWN_FAILURES.find((k) => k === code);
      return known ? t(`room.notify.action_failed.${known}`) : t('room.notify.action_failed', { code });
    }
    default:
      return t(`room.notify.${n.code satisfies PlainCode}`);
  }
}

/** Notifications that stay until dismissed; the others disappear after a few seconds. */
export function isSticky(code: NotificationCode): boolean {
  return code === 'room_closing' || code === 'media_failed';
}
