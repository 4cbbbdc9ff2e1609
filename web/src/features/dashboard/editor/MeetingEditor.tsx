import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import type { MeetingEvent } from '../../../api/events';
import { useCurrentUser } from '../../../auth/session';
import { useI18n } from '../../../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormActions } from './FormActions';
import { TextInput } from '../components/fields';
import { browserTimeZone } from '../lib/days';
import type { InviteeRow } from '../lib/invitees';
import { nowInZone } from '../lib/localDate';
import {
  formFieldOf,
  formFromEvent,
  newMeetingForm,
  toEventInput,
  validateForm,
  type FormErrors,
  type FormField,
  type MeetingForm,
  type ServerErrors,
} from '../lib/meetingForm';
import { InviteesField } from './InviteesField';
import { RecurrenceFields } from './RecurrenceFields';
import { RoomFields } from './RoomFields';
import { saveMeeting } from './saveMeeting';
import { ScheduleFields } from './ScheduleFields';

interface Props {
  /** The meeting to edit (the whole series), or null to plan a new one. */
  readonly existing: MeetingEvent | null;
  readonly invitees: readonly InviteeRow[];
}

/** The form for planning a meeting or changing a whole series. */
export function MeetingEditor({ existing, invitees }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const initial = useMemo(() => {
    const zone = browserTimeZone();
    const start = nowInZone(zone);
    return existing === null ? newMeetingForm(zone, start) : formFromEvent(existing, zone, start);
  }, [existing]);
  const [form, setForm] = useState<MeetingForm>(initial);
  const [saved, setSaved] = useState<MeetingEvent | null>(existing);
  const [savedRows, setSavedRows] = useState<readonly InviteeRow[]>(invitees);
  const [rows, setRows] = useState<InviteeRow[]>([...invitees]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverErrors, setServerErrors] = useState<ServerErrors>({});
  const [problem, setProblem] = useState<{ title: string; error: unknown } | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed attempt, move focus to the first field at fault.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const change = (patch: Partial<MeetingForm>) => setForm((f) => ({ ...f, ...patch }));
  const errorOf = (field: FormField): string | null => {
    const key = errors[field];
    if (key !== undefined) return t(key);
    const server = serverErrors[field];
    return server !== undefined ? t('dash.editor.error.server', { message: server }) : null;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateForm(form);
    setErrors(found);
    setServerErrors({});
    setProblem(null);
    if (Object.keys(found).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    setSaving(true);
    try {
      const result = await saveMeeting(saved, toEventInput(form, saved), savedRows, rows);
      if (result.failed.length === 0) {
        navigate('/');
        return;
      }
      setSaved(result.event);
      setSavedRows(result.rows.filter((r) => r.status !== null));
      setRows([...result.rows]);
      const who = result.failed.map((f) => f.row.name ?? f.row.email ?? f.row.userId ?? '').join(', ');
      setProblem({ title: t('dash.editor.invitesError', { who }), error: result.failed[0]?.error });
    } catch (error) {
      const field = error instanceof ApiError && error.code === 'invalid_argument' ? formFieldOf(error.field, form) : null;
      if (field !== null && error instanceof ApiError) {
        setServerErrors({ [field]: error.message });
        setAttempt((a) => a + 1);
      } else {
        setProblem({ title: t('dash.editor.saveError'), error });
      }
    } finally {
      setSaving(false);
    }
  };

  const hasErrors = Object.keys(errors).length > 0 || Object.keys(serverErrors).length > 0;

  return (
    <Form ref={formRef} className="dash-editor__form" onSubmit={(e) => void submit(e)} validationBehavior="aria">
      <fieldset className="dash-form-section">
        <legend>{t('dash.editor.section.details')}</legend>
        <TextInput label={t('dash.editor.title')} value={form.title} onChange={(title) => change({ title })} error={errorOf('title')} isRequired />
        <TextInput
          multiline
          label={t('dash.editor.description')}
          value={form.description}
          onChange={(description) => change({ description })}
          error={errorOf('description')}
        />
      </fieldset>
      <fieldset className="dash-form-section">
        <legend>{t('dash.editor.section.time')}</legend>
        <ScheduleFields form={form} onChange={change} errorOf={errorOf} />
      </fieldset>
      {!form.timeIndependent && (
        <fieldset className="dash-form-section">
          <legend>{t('dash.editor.section.recurrence')}</legend>
          <RecurrenceFields form={form} onForm={setForm} errorOf={errorOf} />
        </fieldset>
      )}
      <fieldset className="dash-form-section">
        <legend>{t('dash.editor.section.room')}</legend>
        <RoomFields form={form} onChange={change} errorOf={errorOf} />
      </fieldset>
      <fieldset className="dash-form-section">
        <legend>{t('dash.editor.section.invitees')}</legend>
        <InviteesField rows={rows} onChange={setRows} excludeUserId={saved?.created_by ?? user?.id ?? null} />
      </fieldset>
      {hasErrors && (
        <p className="dash-field-error" role="alert">
          {t('dash.editor.fixErrors')}
        </p>
      )}
      {problem !== null && <ErrorAlert title={problem.title} error={problem.error} />}
      <FormActions saving={saving} submitLabel={saved === null ? t('dash.editor.create') : t('dash.editor.save')} />
    </Form>
  );
}
