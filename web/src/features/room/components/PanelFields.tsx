import { Button, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue, Switch } from 'react-aria-components';

/** A side panel's search box; the label is for screen readers and is also the placeholder. */
export function PanelSearch({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <SearchField className="search-field" value={value} onChange={onChange}>
      <Label className="visually-hidden">{label}</Label>
      <Input className="search-field__input" placeholder={label} />
    </SearchField>
  );
}

export interface PanelOption<T extends string> {
  readonly id: T;
  readonly label: string;
}

/** A labelled drop-down of a side panel; `onSelect` gets one of the options' ids. */
export function PanelSelect<T extends string>({
  label,
  options,
  selected,
  onSelect,
}: {
  readonly label: string;
  readonly options: readonly PanelOption<T>[];
  readonly selected: T;
  readonly onSelect: (id: T) => void;
}) {
  return (
    <Select
      className="select"
      selectedKey={selected}
      onSelectionChange={(key) => {
        const next = options.find((o) => o.id === key);
        if (next) onSelect(next.id);
      }}
    >
      <Label className="select__label">{label}</Label>
      <Button className="select__button">
        <SelectValue />
      </Button>
      <Popover>
        <ListBox className="menu">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="menu__item">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** An on/off switch with its label (moderator tools, shortcuts, the speaker list's sound signal). */
export function PanelSwitch({ label, value, onChange }: { readonly label: string; readonly value: boolean; readonly onChange: (v: boolean) => void }) {
  return (
    <Switch className="switch" isSelected={value} onChange={onChange}>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
      {label}
    </Switch>
  );
}
