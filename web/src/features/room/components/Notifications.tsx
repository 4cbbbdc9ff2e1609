import { X } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, useMeeting, type MeetingNotification } from '../../../meeting';
import { isSticky, notificationText } from './notificationText';

const DISMISS_AFTER_MS = 8000;

function Toast({ notification }: { readonly notification: MeetingNotification }) {
  const { t, language } = useI18n();
  useEffect(() => {
    if (isSticky(notification.code)) return undefined;
    const timer = setTimeout(() => actions.dismissNotification(notification.id), DISMISS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [notification.id, notification.code]);
  return (
    <li className={`toast toast--${notification.code}`}>
      <span className="toast__text">{notificationText(t, notification, language)}</span>
      <Button className="icon-button icon-button--small" aria-label={t('room.notification.dismiss')} onPress={() => actions.dismissNotification(notification.id)}>
        <X aria-hidden="true" size={16} />
      </Button>
    </li>
  );
}

/** What happened to the local user, announced politely and shown as toasts. */
export function Notifications() {
  const { t } = useI18n();
  const notifications = useMeeting((s) => s.notifications);
  return (
    <section className="toasts" aria-label={t('room.notifications')}>
      <div role="status" aria-live="polite" aria-relevant="additions text">
        <ol className="toasts__list">
          {notifications.map((n) => (
            <Toast key={n.id} notification={n} />
          ))}
        </ol>
      </div>
    </section>
  );
}
