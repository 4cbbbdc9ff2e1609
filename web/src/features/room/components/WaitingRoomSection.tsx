import { useId } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, useMeeting } from '../../../meeting';
import { initials } from '../logic/people';
import { formatTime } from './chatLabels';
import { quietly } from '../logic/quietly';

/** Moderators: who waits to be admitted, with admit and admit all. */
export function WaitingRoomSection() {
  const { t, language } = useI18n();
  const waiting = useMeeting((s) => s.waiting);
  const mode = useMeeting((s) => s.waitingRoomMode);
  const headingId = useId();
  if (waiting.length === 0 && mode === 'off') return null;
  return (
    <section className="panel-section panel-section--waiting" aria-labelledby={headingId}>
      <div className="panel-section__head">
        <h2 id={headingId} className="panel-section__title">
          {t('room.people.waiting', { count: waiting.length })}
        </h2>
        {waiting.length > 1 && (
          <Button className="button button--small" onPress={() => quietly(actions.admitAll())}>
            {t('room.people.admitAll')}
          </Button>
        )}
      </div>
      {waiting.length === 0 ? (
        <p className="panel__hint">{t('room.people.noneWaiting')}</p>
      ) : (
        <ul className="people-list">
          {waiting.map((w) => {
            const name = w.display_name || t('room.unnamed');
            return (
              <li key={w.id} className="person" data-participant-id={w.id}>
                <span className="avatar" aria-hidden="true">
                  {initials(name)}
                </span>
                <div className="person__main">
                  <span className="person__name">{name}</span>
                  <span className="person__detail">
                    {w.kind === 'guest' ? `${t('room.people.guest')} · ` : ''}
                    {t('room.people.waitingSince', { time: formatTime(w.waiting_since, language) })}
                  </span>
                </div>
                <Button className="button button--small" aria-label={t('room.people.admit', { name })} onPress={() => quietly(actions.admit([w.id]))}>
                  {t('room.people.admitShort')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
