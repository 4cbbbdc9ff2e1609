import { CalendarPlus, Video } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Switch } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { setFavourite } from '../../api/events';
import { useI18n } from '../../i18n';
import { DeleteMeetingDialog, type DeleteTarget } from './components/DeleteMeetingDialog';
import { ErrorAlert } from './components/ErrorAlert';
import { Loading } from './components/Loading';
import { DAYS_AHEAD, loadDashboard, timeIndependentEvents, type DashboardData } from './dashboardData';
import { JoinByLink } from './JoinByLink';
import { browserTimeZone, dateInZone, schedule } from './lib/days';
import { dayHeading } from './lib/format';
import { useLoader } from './lib/useLoader';
import { MeetingItem } from './MeetingItem';
import { MeetNowDialog, useMeetNow } from './MeetNowDialog';
import { PendingInvites } from './PendingInvites';
import './dashboard.css';

/** The current time, updated every `intervalMs` (what runs "now" changes while the page is open). */
function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The signed-in start page: meetings now and ahead, invitations, meet now, plan, join by link. */
export function DashboardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const loader = useLoader(useCallback((signal: AbortSignal) => loadDashboard(signal), []));
  const { reload, update } = loader;
  const [announcement, setAnnouncement] = useState('');
  const [favouritesOnly, setFavouritesOnly] = useState(false);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [favouriteError, setFavouriteError] = useState<unknown>(null);
  const meetNow = useMeetNow(useCallback(() => reload(true), [reload]));
  const viewerZone = useMemo(browserTimeZone, []);
  const now = useNow(60_000);

  const toggleFavourite = async (eventId: string, favourite: boolean) => {
    const apply = (value: boolean) =>
      update((data) => {
        const event = data.events.get(eventId);
        if (event === undefined) return data;
        const events = new Map(data.events);
        events.set(eventId, { ...event, favourite: value });
        return { ...data, events };
      });
    apply(favourite);
    setFavouriteError(null);
    try {
      await setFavourite(eventId, favourite);
    } catch (error) {
      apply(!favourite);
      setFavouriteError(error);
    }
  };

  return (
    <div className="dash">
      <div className="dash__header">
        <h1>{t('dash.title')}</h1>
        <div className="dash__toolbar">
          <Button className="button" onPress={meetNow.start}>
            <Video aria-hidden="true" size={18} />
            {t('dash.meetNow')}
          </Button>
          <Button className="button dash-button--secondary" onPress={() => navigate('/meetings/new')}>
            <CalendarPlus aria-hidden="true" size={18} />
            {t('dash.plan')}
          </Button>
        </div>
      </div>
      <p role="status" className="dash__announcement">
        {announcement}
      </p>
      {favouriteError !== null && <ErrorAlert title={t('dash.error.favourite')} error={favouriteError} />}

      {loader.state.status === 'loading' && <Loading />}
      {loader.state.status === 'error' && (
        <ErrorAlert title={t('dash.loadError')} error={loader.state.error} onRetry={() => reload()} />
      )}
      {loader.state.status === 'ready' && (
        <>
          <PendingInvites
            invites={loader.state.data.invites}
            events={loader.state.data.events}
            instances={loader.state.data.instances}
            viewerZone={viewerZone}
            onAnswered={(eventId, message) => {
              setAnnouncement(message);
              update((data) => ({ ...data, invites: data.invites.filter((i) => i.event_id !== eventId) }));
              reload(true);
            }}
          />
          <Meetings
            data={loader.state.data}
            now={now}
            viewerZone={viewerZone}
            favouritesOnly={favouritesOnly}
            onFavouritesOnly={setFavouritesOnly}
            onFavourite={(id, on) => void toggleFavourite(id, on)}
            onDelete={setDeleting}
          />
        </>
      )}
      <JoinByLink />

      <MeetNowDialog state={meetNow.state} onRetry={meetNow.start} onClose={meetNow.close} />
      <DeleteMeetingDialog
        target={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(message) => {
          setDeleting(null);
          setAnnouncement(message);
          reload(true);
        }}
      />
    </div>
  );
}

interface MeetingsProps {
  readonly data: DashboardData;
  readonly now: Date;
  readonly viewerZone: string;
  readonly favouritesOnly: boolean;
  readonly onFavouritesOnly: (on: boolean) => void;
  readonly onFavourite: (eventId: string, favourite: boolean) => void;
  readonly onDelete: (target: DeleteTarget) => void;
}

function Meetings({ data, now, viewerZone, favouritesOnly, onFavouritesOnly, onFavourite, onDelete }: MeetingsProps) {
  const { t, language } = useI18n();
  const shown = (eventId: string) => !favouritesOnly || data.events.get(eventId)?.favourite === true;
  // Invitations still waiting for an answer are listed above, not here.
  const pending = new Set(data.invites.map((i) => i.event_id));
  const instances = data.instances.filter((i) => shown(i.event_id) && !pending.has(i.event_id));
  const { current, upcoming } = schedule(instances, now, viewerZone);
  const anytime = timeIndependentEvents(data).filter((e) => shown(e.id) && !pending.has(e.id));
  const today = dateInZone(now, viewerZone);
  const nothing = current.length === 0 && upcoming.length === 0 && anytime.length === 0;
  const item = (key: string, eventId: string, instance: (typeof instances)[number] | null) => (
    <MeetingItem
      key={key}
      event={data.events.get(eventId)}
      instance={instance}
      viewerZone={viewerZone}
      onFavourite={onFavourite}
      onDelete={onDelete}
    />
  );

  return (
    <section className="dash-section" aria-labelledby="dash-meetings">
      <div className="dash-section__header">
        <h2 id="dash-meetings">{t('dash.upcoming')}</h2>
        <Switch className="dash-switch" isSelected={favouritesOnly} onChange={onFavouritesOnly}>
          <span className="dash-switch__track" aria-hidden="true">
            <span className="dash-switch__thumb" />
          </span>
          {t('dash.favouritesOnly')}
        </Switch>
      </div>
      <p className="dash-muted">{t('dash.timeZoneNote', { zone: viewerZone })}</p>
      {data.truncated && <p className="dash-muted">{t('dash.truncated')}</p>}
      {nothing && (
        <div className="dash-empty">
          {favouritesOnly ? (
            <p>{t('dash.emptyFavourites')}</p>
          ) : (
            <>
              <p>{t('dash.empty', { days: DAYS_AHEAD })}</p>
              <p className="dash-muted">{t('dash.emptyHint')}</p>
            </>
          )}
        </div>
      )}
      {current.length > 0 && (
        <div className="dash-day">
          <h3>{t('dash.now')}</h3>
          <ul className="dash-meeting-list">
            {current.map((i) => item(`${i.event_id}/${i.original_start}`, i.event_id, i))}
          </ul>
        </div>
      )}
      {upcoming.map((day) => (
        <div className="dash-day" key={day.date}>
          <h3>
            {dayHeading(day.date, today, language, { today: t('dash.today'), tomorrow: t('dash.tomorrow') })}
          </h3>
          <ul className="dash-meeting-list">
            {day.items.map((i) => item(`${i.event_id}/${i.original_start}`, i.event_id, i))}
          </ul>
        </div>
      ))}
      {anytime.length > 0 && (
        <div className="dash-day">
          <h3>{t('dash.timeIndependent')}</h3>
          <ul className="dash-meeting-list">{anytime.map((e) => item(e.id, e.id, null))}</ul>
        </div>
      )}
    </section>
  );
}
