import { useState } from 'react';
import { Button } from 'react-aria-components';
import {
  respondToInvite,
  type CalendarInstance,
  type EventInvite,
  type InviteStatus,
  type MeetingEvent,
} from '../../api/events';
import { useI18n, type PlainMessageKey } from '../../i18n';
import { ErrorAlert } from './components/ErrorAlert';
import { isAllDay } from './lib/days';
import { formatDateTime, formatShortDate } from './lib/format';

interface Props {
  readonly invites: readonly EventInvite[];
  readonly events: ReadonlyMap<string, MeetingEvent>;
  readonly instances: readonly CalendarInstance[];
  readonly viewerZone: string;
  /** An answer was saved: what to announce. */
  readonly onAnswered: (eventId: string, message: string) => void;
}

const ROLE: { readonly [R in EventInvite['role']]: PlainMessageKey } = {
  user: 'dash.invites.role.user',
  moderator: 'dash.invites.role.moderator',
  guest: 'dash.invites.role.guest',
};

const ANSWERS: readonly { status: InviteStatus; label: PlainMessageKey }[] = [
  { status: 'accepted', label: 'dash.invites.accept' },
  { status: 'tentative', label: 'dash.invites.tentative' },
  { status: 'declined', label: 'dash.invites.decline' },
];

/** The next occurrence in the viewer's zone, if the dashboard's window has one. */
function whenOf(next: CalendarInstance | undefined, zone: string, language: string): string | null {
  if (next === undefined) return null;
  return isAllDay(next) ? formatShortDate(next.starts_at, language) : formatDateTime(next.starts_at_utc, zone, language);
}

/** Invitations waiting for an answer: accept, maybe, decline. */
export function PendingInvites({ invites, events, instances, viewerZone, onAnswered }: Props) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ eventId: string; error: unknown } | null>(null);
  if (invites.length === 0) return null;

  const answer = async (eventId: string, title: string, status: InviteStatus) => {
    setBusy(eventId);
    setFailed(null);
    try {
      await respondToInvite(eventId, status);
      const key = {
        accepted: 'dash.invites.answered.accepted',
        tentative: 'dash.invites.answered.tentative',
        declined: 'dash.invites.answered.declined',
      } as const;
      onAnswered(eventId, t(key[status], { title }));
    } catch (error) {
      setFailed({ eventId, error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="dash-section" aria-labelledby="dash-invites">
      <h2 id="dash-invites">{t('dash.invites.title')}</h2>
      <ul className="dash-meeting-list">
        {invites.map((invite) => {
          const event = events.get(invite.event_id);
          const title = event?.title ?? t('dash.invites.unknownMeeting');
          const next = instances.find((i) => i.event_id === invite.event_id);
          const when = whenOf(next, viewerZone, language);
          return (
            <li key={invite.event_id} className="dash-meeting">
              <div className="dash-meeting__body">
                <div className="dash-meeting__main">
                  {when !== null && <p className="dash-meeting__when">{when}</p>}
                  <h3 className="dash-meeting__title">{title}</h3>
                  <p className="dash-muted">{t(ROLE[invite.role])}</p>
                </div>
                <div className="dash-meeting__actions" role="group" aria-label={t('dash.invites.respondLabel', { title })}>
                  {ANSWERS.map(({ status, label }) => (
                    <Button
                      key={status}
                      className={status === 'accepted' ? 'button' : 'button dash-button--secondary'}
                      isDisabled={busy === invite.event_id}
                      onPress={() => void answer(invite.event_id, title, status)}
                    >
                      {t(label)}
                    </Button>
                  ))}
                </div>
              </div>
              {failed?.eventId === invite.event_id && (
                <ErrorAlert title={t('dash.invites.respondError')} error={failed.error} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
