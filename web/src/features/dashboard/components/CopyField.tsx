import { useId } from 'react';
import { CopyButton } from './CopyButton';

interface Props {
  readonly label: string;
  readonly copyLabel: string;
  readonly value: string;
}

/** A labelled read-only value (selectable, so it can be copied by hand) with a copy button. */
export function CopyField({ label, copyLabel, value }: Props) {
  const id = useId();
  return (
    <div className="dash-copy-field">
      <label htmlFor={id} className="dash-copy-field__label">
        {label}
      </label>
      <div className="dash-copy-field__row">
        <input
          id={id}
          className="dash-copy-field__value"
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  );
}
