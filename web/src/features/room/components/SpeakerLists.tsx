import { Megaphone, X } from 'lucide-react';
import { useId } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, isWheelSpinning, namedSpeakers, selectIsModerator, useMeeting, type SpeakerQueue } from '../../../meeting';
import { quietly } from '../logic/quietly';

/** Who is still to come (moderators: give the word, remove) and who has spoken. */
export function SpeakerLists({ queue }: { readonly queue: SpeakerQueue }) {
  const { t } = useI18n();
  const participants = useMeeting((s) => s.participants);
  const upcoming = namedSpeakers(participants, queue.upcoming);
  const done = namedSpeakers(participants, queue.done);
  const selfId = useMeeting((s) => s.selfId);
  const moderator = useMeeting(selectIsModerator);
  const spinning = useMeeting(isWheelSpinning);
  const upcomingId = useId();
  const doneId = useId();
  const nameOf = (name: string, id: string) => {
    const shown = name || t('speakers.left');
    return id === selfId ? t('room.you', { name: shown }) : shown;
  };
  return (
    <div className="speakers__lists">
      <h3 id={upcomingId} className="procedure-card__subtitle">
        {t('speakers.upcoming', { count: upcoming.length })}
      </h3>
      {upcoming.length === 0 ? (
        <p className="speakers__hint">{t('speakers.upcomingNone')}</p>
      ) : (
        <ol className="speakers__list" aria-labelledby={upcomingId} data-testid="speakers-upcoming">
          {upcoming.map((p) => (
            <li key={p.id} className="speakers__item" data-participant-id={p.id}>
              <span className="speakers__row">
                <span className="speakers__name">{nameOf(p.name, p.id)}</span>
                {moderator && (
                  <span className="speakers__item-actions">
                    <Button
                      className="icon-button icon-button--small"
                      aria-label={t('speakers.giveWord', { name: p.name })}
                      isDisabled={spinning}
                      onPress={() => quietly(actions.nextSpeaker(queue.id, p.id))}
                    >
                      <Megaphone aria-hidden="true" size={16} />
                    </Button>
                    <Button
                      className="icon-button icon-button--small"
                      aria-label={t('speakers.remove', { name: p.name })}
                      onPress={() => quietly(actions.removeSpeaker(queue.id, p.id))}
                    >
                      <X aria-hidden="true" size={16} />
                    </Button>
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {done.length > 0 && (
        <details className="speakers__done">
          <summary id={doneId}>{t('speakers.done', { count: done.length })}</summary>
          <ol className="speakers__list" aria-labelledby={doneId} data-testid="speakers-done">
            {done.map((p, i) => (
              <li key={`${p.id}-${i}`} className="speakers__item" data-participant-id={p.id}>
                {nameOf(p.name, p.id)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
