import { useCallback, useState } from 'react';
import { Button } from 'react-aria-components';
import { useParams, useSearchParams } from 'react-router';
import { getEvent, listEventInvites } from '../../api/events';
import { useI18n } from '../../i18n';
import { BackLink } from './components/BackLink';
import { ErrorAlert } from './components/ErrorAlert';
import { Loading } from './components/Loading';
import { MeetingEditor } from './editor/MeetingEditor';
import { OccurrenceEditor } from './editor/OccurrenceEditor';
import { PreparedTemplates } from './editor/PreparedTemplates';
import { formatShortDate } from './lib/format';
import { rowsFromInvites } from './lib/invitees';
import { splitLocal } from './lib/localDate';
import { useLoader } from './lib/useLoader';
import './dashboard.css';

/** `/meetings/new` plans a meeting; `/meetings/{id}/edit[?occurrence=…]` changes one. */
export function MeetingEditorPage() {
  const { t } = useI18n();
  const { eventId } = useParams();
  const [params] = useSearchParams();
  return (
    <div className="dash-editor">
      <BackLink />
      {eventId === undefined ? (
        <>
          <h1>{t('dash.editor.newTitle')}</h1>
          <MeetingEditor existing={null} invitees={[]} />
          <PreparedTemplates eventId={null} />
        </>
      ) : (
        <ExistingMeeting key={eventId} eventId={eventId} occurrence={params.get('occurrence')} />
      )}
    </div>
  );
}

async function loadMeeting(eventId: string, signal: AbortSignal) {
  const event = await getEvent(eventId, { signal });
  const invites = event.can_manage ? (await listEventInvites(eventId, { limit: 100 }, { signal })).invites : [];
  return { event, invitees: rowsFromInvites(invites) };
}

function ExistingMeeting({ eventId, occurrence }: { readonly eventId: string; readonly occurrence: string | null }) {
  const { t, language } = useI18n();
  const loader = useLoader(useCallback((signal: AbortSignal) => loadMeeting(eventId, signal), [eventId]));
  const [scope, setScope] = useState<'ask' | 'occurrence' | 'series'>('ask');
  const state = loader.state;

  if (state.status !== 'ready') {
    return (
      <>
        <h1>{t('dash.editor.editTitle')}</h1>
        {state.status === 'loading' ? (
          <Loading rows={4} />
        ) : (
          <ErrorAlert title={t('dash.editor.loadError')} error={state.error} onRetry={() => loader.reload()} />
        )}
      </>
    );
  }
  const { event, invitees } = state.data;
  if (!event.can_manage) {
    return (
      <>
        <h1>{t('dash.editor.editTitle')}</h1>
        <p role="alert" className="error-panel">
          {t('dash.editor.notAllowed')}
        </p>
      </>
    );
  }
  const askable = occurrence !== null && event.recurrence !== null && !event.time_independent;
  if (askable && scope === 'ask') {
    const { date, time } = splitLocal(occurrence);
    const when = `${formatShortDate(date, language)}${time !== '' ? ` ${time}` : ''}`;
    return (
      <>
        <h1>{t('dash.editor.editTitle')}</h1>
        <section className="dash-form-section" aria-labelledby="scope-title">
          <h2 id="scope-title">{t('dash.editor.scope.title')}</h2>
          <p>
            <strong>{event.title}</strong>
          </p>
          <p>{t('dash.editor.scope.question', { when })}</p>
          <div className="dash-form-actions">
            <Button className="button" onPress={() => setScope('occurrence')}>
              {t('dash.editor.scope.occurrence')}
            </Button>
            <Button className="button dash-button--secondary" onPress={() => setScope('series')}>
              {t('dash.editor.scope.series')}
            </Button>
          </div>
        </section>
      </>
    );
  }
  if (askable && scope === 'occurrence') {
    return (
      <>
        <h1>{t('dash.editor.occurrenceTitle')}</h1>
        <p>
          <strong>{event.title}</strong>
        </p>
        <OccurrenceEditor event={event} originalStart={occurrence} />
      </>
    );
  }
  return (
    <>
      <h1>{t('dash.editor.editTitle')}</h1>
      <MeetingEditor existing={event} invitees={invitees} />
      <PreparedTemplates eventId={event.id} />
    </>
  );
}
