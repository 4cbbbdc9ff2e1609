import { useI18n } from '../../../i18n';
import { CheckboxInput, TextInput } from '../components/fields';
import type { FormField, MeetingForm } from '../lib/meetingForm';
import { TimeZoneField } from './TimeZoneField';

interface Props {
  readonly form: MeetingForm;
  readonly onChange: (change: Partial<MeetingForm>) => void;
  readonly errorOf: (field: FormField) => string | null;
  /** Editing one occurrence: no "time-independent" switch and no time zone (the series has it). */
  readonly occurrence?: boolean;
}

/** Start, end, all-day, time-independent and time zone. */
export function ScheduleFields({ form, onChange, errorOf, occurrence = false }: Props) {
  const { t } = useI18n();
  return (
    <>
      {!occurrence && (
        <CheckboxInput isSelected={form.timeIndependent} onChange={(timeIndependent) => onChange({ timeIndependent })}>
          {t('dash.editor.timeIndependent')}
        </CheckboxInput>
      )}
      {!form.timeIndependent && (
        <>
          {!occurrence && (
            <CheckboxInput isSelected={form.allDay} onChange={(allDay) => onChange({ allDay })}>
              {t('dash.editor.allDay')}
            </CheckboxInput>
          )}
          <div className="dash-form-grid dash-datetime">
            <TextInput
              type="date"
              label={t('dash.editor.startDate')}
              value={form.startDate}
              onChange={(startDate) => onChange({ startDate })}
              error={errorOf('startDate')}
              isRequired
            />
            {!form.allDay && (
              <TextInput
                type="time"
                label={t('dash.editor.startTime')}
                value={form.startTime}
                onChange={(startTime) => onChange({ startTime })}
                error={errorOf('startTime')}
                isRequired
              />
            )}
          </div>
          <div className="dash-form-grid dash-datetime">
            <TextInput
              type="date"
              label={t('dash.editor.endDate')}
              value={form.endDate}
              onChange={(endDate) => onChange({ endDate })}
              error={errorOf('endDate')}
              isRequired
            />
            {!form.allDay && (
              <TextInput
                type="time"
                label={t('dash.editor.endTime')}
                value={form.endTime}
                onChange={(endTime) => onChange({ endTime })}
                error={errorOf('endTime')}
                isRequired
              />
            )}
          </div>
          {!occurrence && (
            <TimeZoneField
              label={t('dash.editor.timeZone')}
              value={form.timeZone}
              onChange={(timeZone) => onChange({ timeZone })}
              error={errorOf('timeZone')}
            />
          )}
        </>
      )}
    </>
  );
}
