/** Labelled form fields with their hint and error, on react-aria's TextField and Checkbox. */
import { Check } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { Checkbox, FieldError, Input, Label, Text, TextArea, TextField } from 'react-aria-components';

interface TextInputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | null;
  readonly description?: string;
  readonly type?: 'text' | 'email' | 'date' | 'time' | 'number' | 'password' | 'search';
  readonly multiline?: boolean;
  readonly isRequired?: boolean;
  readonly autoComplete?: string;
  readonly inputMode?: 'numeric' | 'text' | 'email';
  readonly className?: string;
  readonly min?: number | string;
  readonly max?: number | string;
}

export function TextInput(props: TextInputProps) {
  const { label, value, onChange, error = null, description, type = 'text', multiline = false } = props;
  return (
    <TextField
      className={`dash-text-field ${props.className ?? ''}`.trim()}
      value={value}
      onChange={onChange}
      isInvalid={error !== null}
      isRequired={props.isRequired}
      validationBehavior="aria"
      type={multiline ? undefined : type}
      autoComplete={props.autoComplete}
      inputMode={props.inputMode}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={4} /> : <Input min={props.min} max={props.max} />}
      {description !== undefined && (
        <Text slot="description" className="dash-field-hint">
          {description}
        </Text>
      )}
      <FieldError className="dash-field-error">{error ?? ''}</FieldError>
    </TextField>
  );
}

interface SelectInputProps<V extends string> {
  readonly label: string;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly label: string }[];
  readonly onChange: (value: V) => void;
  readonly error?: string | null;
}

/** A native select: the platform's own accessible list, good on phones. */
export function SelectInput<V extends string>({ label, value, options, onChange, error = null }: SelectInputProps<V>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="dash-select-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? errorId : undefined}
        onChange={(event) => {
          const next = options.find((o) => o.value === event.target.value);
          if (next !== undefined) onChange(next.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error !== null && (
        <span id={errorId} className="dash-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

interface CheckboxInputProps {
  readonly isSelected: boolean;
  readonly onChange: (selected: boolean) => void;
  readonly children: ReactNode;
  readonly value?: string;
}

export function CheckboxInput({ isSelected, onChange, children, value }: CheckboxInputProps) {
  return (
    <Checkbox className="dash-checkbox" isSelected={isSelected} onChange={onChange} value={value}>
      <span className="dash-checkbox__box" aria-hidden="true">
        {isSelected && <Check size={14} />}
      </span>
      {children}
    </Checkbox>
  );
}
