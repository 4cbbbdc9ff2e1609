import { useCallback, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { listEventInstances, setEventException, type EventInstance, type MeetingEvent } from '../../../api/events';
import { useI18n } from '../../../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from './FormActions';
import { Loading } from '../components/Loading';
import { browserTimeZone } from '../lib/days';
import { addDays, nowInZone, splitLocal } from '../lib/localDate';
import { endsAt, formFromEvent, startsAt, validateForm, type FormErrors, type FormField, type MeetingForm } from '../lib/meetingForm';
import { useLoader } from '../lib/useLoader';
import { ScheduleFields } from './ScheduleFields';

interface Props {
  readonly event: MeetingEvent;
  /** The occurrence's start as the rule generated it (its identity). */
  readonly originalStart: string;
}

const WINDOW_DAYS = 60;

/** Finds the occurrence: in a window around its original start (a moved one may lie elsewhere). */
async function findOccurrence(event: MeetingEvent, originalStart: string, signal: AbortSignal) {
  const day = originalStart.slice(0, 10);
  const from = new Date(`${addDays(day, -WINDOW_DAYS)}T00:00:00Z`);
  const to = new Date(`${addDays(day, WINDOW_DAYS)}T00:00:00Z`);
  const { instances } = await listEventInstances(event.id, from, to, { signal });
  return instances.find((i) => i.original_start === originalStart) ?? null;
}

function formFor(event: MeetingEvent, instance: EventInstance): MeetingForm {
  const zone = browserTimeZone();
  const base = formFromEvent(event, zone, nowInZone(zone));
  const start = splitLocal(instance.starts_at);
  const end = splitLocal(instance.ends_at);
  return {
    ...base,
    repeat: 'none',
    keptRrule: null,
    startDate: start.date,
    startTime: event.all_day ? base.startTime : start.time,
    endDate: event.all_day ? addDays(end.date, -1) : end.date,
    endTime: event.all_day ? base.endTime : end.time,
  };
}

/** Moves one occurrence of a recurring meeting (an exception of the series). */
export function OccurrenceEditor({ event, originalStart }: Props) {
  const { t } = useI18n();
  const loader = useLoader(
    useCallback((signal: AbortSignal) => findOccurrence(event, originalStart, signal), [event, originalStart]),
  );
  if (loader.state.status === 'loading') return <Loading rows={2} />;
  if (loader.state.status === 'error') {
    return <ErrorAlert title={t('dash.editor.loadError')} error={loader.state.error} onRetry={() => loader.reload()} />;
  }
  if (loader.state.data === null) {
    return (
      <p role="alert" className="error-panel">
        {t('dash.editor.occurrence.notFound')}
      </p>
    );
  }
  return <OccurrenceForm event={event} originalStart={originalStart} instance={loader.state.data} />;
}

function OccurrenceForm({ event, originalStart, instance }: Props & { readonly instance: EventInstance }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState(() => formFor(event, instance));
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errorOf = (field: FormField) => {
    const key = errors[field];
    return key === undefined ? null : t(key);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found = validateForm(form);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await setEventException(event.id, { original_start: originalStart, starts_at: startsAt(form), ends_at: endsAt(form) });
      navigate('/');
    } catch (error) {
      setServerError(error);
      setSaving(false);
    }
  };

  return (
    <Form className="dash-editor__form" onSubmit={(e) => void submit(e)} validationBehavior="aria">
      <p className="dash-muted">{t('dash.editor.occurrence.note')}</p>
      <fieldset className="dash-form-section">
        <legend>{t('dash.editor.section.time')}</legend>
        <ScheduleFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} errorOf={errorOf} occurrence />
        {event.time_zone !== null && <p className="dash-muted">{t('dash.editor.timeZone')}: {event.time_zone}</p>}
      </fieldset>
      {serverError !== null && <ErrorAlert title={t('dash.editor.saveError')} error={serverError} />}
      <FormActions saving={saving} submitLabel={t('dash.editor.save')} />
    </Form>
  );
}
