import { ChevronDown } from 'lucide-react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import type { DeviceOption } from '../../devices';
import { useI18n } from '../../i18n';

const DEFAULT_KEY = '__default__';

interface Props {
  readonly label: string;
  readonly kindName: string;
  readonly options: readonly DeviceOption[];
  readonly value: string | undefined;
  readonly onChange: (id: string | undefined) => void;
  readonly isDisabled?: boolean;
}

/** A device picker; "System default" means no explicit device. */
export function DeviceSelect({ label, kindName, options, value, onChange, isDisabled }: Props) {
  const { t } = useI18n();
  const items = [
    { id: DEFAULT_KEY, name: t('lobby.systemDefault') },
    ...options.map((o, i) => ({ id: o.id, name: o.label || t('lobby.deviceN', { kind: kindName, n: i + 1 }) })),
  ];
  const selected = value !== undefined && options.some((o) => o.id === value) ? value : DEFAULT_KEY;
  return (
    <Select
      className="react-aria-Select device-select"
      selectedKey={selected}
      onSelectionChange={(key) => onChange(key === DEFAULT_KEY ? undefined : String(key))}
      isDisabled={isDisabled}
    >
      <Label>{label}</Label>
      <Button>
        <SelectValue />
        <ChevronDown aria-hidden="true" size={16} />
      </Button>
      <Popover>
        <ListBox items={items}>{(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}</ListBox>
      </Popover>
    </Select>
  );
}
