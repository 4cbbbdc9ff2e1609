import { Star } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { CalendarInstance, MeetingEvent } from '../../api/events';
import { useI18n } from '../../i18n';
import { CopyButton } from './components/CopyButton';
import { CopyField } from './components/CopyField';
import { ErrorAlert } from './components/ErrorAlert';
import type { DeleteTarget } from './components/DeleteMeetingDialog';
import { dateInZone, isAllDay } from './lib/days';
import { formatDateTime, formatShortDate, timeRange } from './lib/format';
import { guestLinkFor } from './lib/guestLink';
import { addDays } from './lib/localDate';

interface Props {
  /** The meeting; undefined when only its occurrence is known. */
  readonly event: MeetingEvent | undefined;
  /** The occurrence shown; null for a meeting without a fixed time. */
  readonly instance: CalendarInstance | null;
  readonly viewerZone: string;
  readonly onFavourite: (eventId: string, favourite: boolean) => void;
  readonly onDelete: (target: DeleteTarget) => void;
}

/** When an occurrence takes place, in the viewer's zone (and the meeting's own, if another). */
function When({ instance, event, viewerZone }: Pick<Props, 'event' | 'viewerZone'> & { instance: CalendarInstance }) {
  const { t, language } = useI18n();
  if (isAllDay(instance)) {
    const last = addDays(instance.ends_at, -1);
    return (
      <p className="dash-meeting__when">
        {t('dash.item.allDay')}
        {last !== instance.starts_at && ` · ${formatShortDate(instance.starts_at, language)} – ${formatShortDate(last, language)}`}
      </p>
    );
  }
  const range = (zone: string) =>
    timeRange(instance.starts_at_utc, instance.ends_at_utc, zone, language, (a, b) => dateInZone(a, zone) === dateInZone(b, zone));
  const own = event?.time_zone ?? viewerZone;
  const mine = range(viewerZone);
  const theirs = range(own);
  const differs = own !== viewerZone && (mine.start !== theirs.start || mine.end !== theirs.end);
  return (
    <p className="dash-meeting__when">
      <span>{t('dash.item.timeRange', mine)}</span>
      {differs && <span className="dash-muted"> ({t('dash.item.otherZone', { ...theirs, zone: own })})</span>}
    </p>
  );
}

/** One meeting (or one occurrence) on the dashboard with its actions. */
export function MeetingItem({ event, instance, viewerZone, onFavourite, onDelete }: Props) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const titleId = useId();
  const [linkProblem, setLinkProblem] = useState<{ error: unknown } | { link: string } | null>(null);
  const title = event?.title ?? instance?.title ?? '';
  const eventId = event?.id ?? instance?.event_id ?? '';
  const recurring = event?.recurrence != null;
  const manage = event?.can_manage === true;
  const room = event?.room;
  const guestsAllowed = room !== undefined && 'guest_access' in room && room.guest_access !== 'disabled';
  const passwordProtected =
    room !== undefined && ('password_required' in room ? room.password_required : room.password !== null);

  const occurrenceLabel =
    instance === null
      ? ''
      : isAllDay(instance)
        ? formatShortDate(instance.starts_at, language)
        : formatDateTime(instance.starts_at_utc, viewerZone, language);

  const edit = () => {
    const query = recurring && instance !== null ? `?occurrence=${encodeURIComponent(instance.original_start)}` : '';
    navigate(`/meetings/${encodeURIComponent(eventId)}/edit${query}`);
  };

  return (
    <li className="dash-meeting">
      <article aria-labelledby={titleId} className="dash-meeting__body">
        <div className="dash-meeting__main">
          {instance !== null && <When instance={instance} event={event} viewerZone={viewerZone} />}
          <h4 id={titleId} className="dash-meeting__title">
            {title}
          </h4>
          <p className="dash-badges">
            {recurring && <span className="dash-badge">{t('dash.item.recurring')}</span>}
            {instance?.moved === true && <span className="dash-badge">{t('dash.item.moved')}</span>}
            {passwordProtected && <span className="dash-badge">{t('dash.item.passwordProtected')}</span>}
            {event !== undefined && !event.can_manage && <span className="dash-badge">{t('dash.item.invited')}</span>}
          </p>
        </div>
        <div className="dash-meeting__actions" role="group" aria-label={t('dash.item.actions', { title })}>
          {event !== undefined && (
            <Button className="button" onPress={() => navigate(`/room/${encodeURIComponent(event.room_id)}`)}>
              {t('dash.item.join')}
            </Button>
          )}
          {manage && guestsAllowed && event !== undefined && (
            <CopyButton
              label={t('dash.item.copyGuestLink')}
              showLabel
              text={() => guestLinkFor(event.room_id)}
              onFailure={(reason, link) => setLinkProblem(link !== null ? { link } : { error: reason })}
            />
          )}
          {manage && (
            <Button className="button dash-button--secondary" onPress={edit}>
              {t('dash.item.edit')}
            </Button>
          )}
          {manage && (
            <Button
              className="button dash-button--secondary"
              onPress={() =>
                onDelete({
                  eventId,
                  title,
                  occurrence:
                    recurring && instance !== null ? { originalStart: instance.original_start, label: occurrenceLabel } : null,
                })
              }
            >
              {t('dash.item.delete')}
            </Button>
          )}
          {event !== undefined && (
            <ToggleButton
              className="button dash-button--icon"
              aria-label={t('dash.item.favourite')}
              isSelected={event.favourite}
              onChange={(selected) => onFavourite(event.id, selected)}
            >
              <Star aria-hidden="true" size={18} fill={event.favourite ? 'currentColor' : 'none'} />
            </ToggleButton>
          )}
        </div>
      </article>
      {linkProblem !== null &&
        ('link' in linkProblem ? (
          <div className="dash-meeting__problem">
            <p>{t('dash.copy.failed')}</p>
            <CopyField label={t('dash.meetNow.guestLink')} copyLabel={t('dash.item.copyGuestLink')} value={linkProblem.link} />
          </div>
        ) : (
          <ErrorAlert title={t('dash.item.guestLinkError')} error={linkProblem.error} />
        ))}
    </li>
  );
}
