import { ChevronDown } from 'lucide-react';
import { useMemo } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { timeZones } from '../lib/days';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (zone: string) => void;
  readonly error: string | null;
}

/** IANA time zone picker: type to filter (e.g. "Berlin"), arrow keys to choose. */
export function TimeZoneField({ label, value, onChange, error }: Props) {
  const items = useMemo(() => timeZones(value).map((zone) => ({ id: zone, name: zone.replaceAll('_', ' ') })), [value]);
  return (
    <ComboBox
      className="dash-combo dash-text-field"
      defaultItems={items}
      selectedKey={value}
      onSelectionChange={(key) => {
        if (key !== null) onChange(String(key));
      }}
      isInvalid={error !== null}
      validationBehavior="aria"
    >
      <Label>{label}</Label>
      <div className="dash-copy-field__row">
        <Input className="dash-copy-field__value" />
        <Button className="button dash-button--icon" aria-label={label}>
          <ChevronDown aria-hidden="true" size={18} />
        </Button>
      </div>
      <FieldError className="dash-field-error">{error ?? ''}</FieldError>
      <Popover className="dash-combo__popover">
        <ListBox>
          {(item: { id: string; name: string }) => (
            <ListBoxItem className="dash-combo__item" id={item.id} textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
