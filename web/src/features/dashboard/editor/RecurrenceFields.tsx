import { Check } from 'lucide-react';
import { Checkbox, CheckboxGroup, FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { useI18n, type PlainMessageKey } from '../../../i18n';
import { SelectInput, TextInput } from '../components/fields';
import { WEEKDAYS, type Weekday } from '../lib/localDate';
import { withRepeat, type FormField, type MeetingForm } from '../lib/meetingForm';
import { END_OPTIONS, FREQUENCIES, REPEAT_OPTIONS, type Frequency, type RecurrenceRule, type RepeatOption } from '../lib/rrule';

interface Props {
  readonly form: MeetingForm;
  readonly onForm: (form: MeetingForm) => void;
  readonly errorOf: (field: FormField) => string | null;
}

const REPEAT_LABEL: { readonly [R in RepeatOption]: PlainMessageKey } = {
  none: 'dash.recurrence.none',
  daily: 'dash.recurrence.daily',
  weekly: 'dash.recurrence.weekly',
  monthly: 'dash.recurrence.monthly',
  yearly: 'dash.recurrence.yearly',
  custom: 'dash.recurrence.custom',
};

const UNIT_LABEL: { readonly [F in Frequency]: PlainMessageKey } = {
  DAILY: 'dash.recurrence.unit.DAILY',
  WEEKLY: 'dash.recurrence.unit.WEEKLY',
  MONTHLY: 'dash.recurrence.unit.MONTHLY',
  YEARLY: 'dash.recurrence.unit.YEARLY',
};

const END_LABEL = {
  never: 'dash.recurrence.end.never',
  until: 'dash.recurrence.end.until',
  count: 'dash.recurrence.end.count',
} as const;

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

function numberOf(text: string): number {
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

/** A count from 1 to `max`; NaN while the text is empty or not a number. */
function CountInput(props: {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly onChange: (value: number) => void;
  readonly error: string | null;
}) {
  return (
    <TextInput
      type="number"
      inputMode="numeric"
      min={1}
      max={props.max}
      label={props.label}
      value={Number.isNaN(props.value) ? '' : String(props.value)}
      onChange={(text) => props.onChange(numberOf(text))}
      error={props.error}
    />
  );
}

/** Repeat: none / daily / weekly with weekdays / monthly / yearly / custom interval; and the end. */
export function RecurrenceFields({ form, onForm, errorOf }: Props) {
  const { t } = useI18n();
  const rule = form.rule;
  const setRule = (change: Partial<RecurrenceRule>) => onForm({ ...form, keptRrule: null, rule: { ...rule, ...change } });
  const editable = form.repeat !== 'none' && form.keptRrule === null;
  const weekdayError = errorOf('weekdays');

  return (
    <>
      <SelectInput
        label={t('dash.recurrence.repeat')}
        value={form.repeat}
        options={REPEAT_OPTIONS.map((value) => ({ value, label: t(REPEAT_LABEL[value]) }))}
        onChange={(repeat) => onForm(withRepeat(form, repeat))}
        error={errorOf('repeat')}
      />
      {form.keptRrule !== null && <p className="dash-muted">{t('dash.recurrence.kept', { rule: form.keptRrule })}</p>}
      {editable && form.repeat === 'custom' && (
        <div className="dash-inline-fields">
          <CountInput
            label={t('dash.recurrence.every')}
            value={rule.interval}
            max={1000}
            onChange={(interval) => setRule({ interval })}
            error={errorOf('interval')}
          />
          <SelectInput
            label={t('dash.recurrence.unit')}
            value={rule.frequency}
            options={FREQUENCIES.map((value) => ({ value, label: t(UNIT_LABEL[value]) }))}
            onChange={(frequency) => setRule({ frequency })}
          />
        </div>
      )}
      {editable && rule.frequency === 'WEEKLY' && (
        <CheckboxGroup
          className="dash-checkbox-group"
          value={[...rule.weekdays]}
          onChange={(values) => setRule({ weekdays: values.filter(isWeekday) })}
          isInvalid={weekdayError !== null}
          validationBehavior="aria"
        >
          <Label className="dash-checkbox-group__label">{t('dash.recurrence.weekdays')}</Label>
          <div className="dash-weekdays">
            {WEEKDAYS.map((day) => (
              <Checkbox key={day} className="dash-checkbox" value={day}>
                {({ isSelected }) => (
                  <>
                    <span className="dash-checkbox__box" aria-hidden="true">
                      {isSelected && <Check size={14} />}
                    </span>
                    {t(`dash.recurrence.day.${day}`)}
                  </>
                )}
              </Checkbox>
            ))}
          </div>
          <FieldError className="dash-field-error">{weekdayError ?? ''}</FieldError>
        </CheckboxGroup>
      )}
      {editable && (
        <>
          <RadioGroup
            className="dash-radio-group"
            value={rule.end}
            onChange={(value) => {
              const end = END_OPTIONS.find((e) => e === value);
              if (end !== undefined) setRule({ end, until: end === 'until' && rule.until === '' ? form.startDate : rule.until });
            }}
          >
            <Label className="dash-radio-group__label">{t('dash.recurrence.end')}</Label>
            {END_OPTIONS.map((end) => (
              <Radio key={end} className="dash-radio" value={end}>
                <span className="dash-radio__dot" aria-hidden="true" />
                {t(END_LABEL[end])}
              </Radio>
            ))}
          </RadioGroup>
          {rule.end === 'until' && (
            <TextInput
              type="date"
              label={t('dash.recurrence.untilDate')}
              value={rule.until}
              onChange={(until) => setRule({ until })}
              error={errorOf('until')}
            />
          )}
          {rule.end === 'count' && (
            <CountInput
              label={t('dash.recurrence.count')}
              value={rule.count}
              max={10000}
              onChange={(count) => setRule({ count })}
              error={errorOf('count')}
            />
          )}
        </>
      )}
    </>
  );
}
