import { useId, type ReactNode } from 'react';
import type { Key } from 'react-aria-components';
import { Button, Menu, MenuTrigger, Popover, ToggleButton } from 'react-aria-components';

/** What a toolbar button shows: its icon and a visible label (hidden from screen readers, who get aria-label). */
export function ToolbarFace({ icon, label }: { readonly icon: ReactNode; readonly label: string }) {
  return (
    <>
      {icon}
      <span className="toolbar__label" aria-hidden="true">
        {label}
      </span>
    </>
  );
}

/**
 * One on/off control of the meeting toolbar. Its accessible name is the label and never changes;
 * on/off is the pressed state. `count` shows a counter on the button; `description` is read to
 * screen readers through aria-describedby (the counter's meaning, or why the control is disabled).
 */
export function ToolbarToggle({
  label,
  icon,
  isSelected,
  isDisabled,
  onChange,
  count = 0,
  description,
}: {
  readonly label: string;
  readonly icon: ReactNode;
  readonly isSelected: boolean;
  readonly isDisabled?: boolean;
  readonly onChange: (on: boolean) => void;
  readonly count?: number;
  readonly description?: string;
}) {
  const descriptionId = useId();
  return (
    <ToggleButton
      className="toolbar__button"
      aria-label={label}
      aria-describedby={description ? descriptionId : undefined}
      isSelected={isSelected}
      isDisabled={isDisabled}
      onChange={onChange}
    >
      <ToolbarFace icon={icon} label={label} />
      {count > 0 && (
        <span className="badge" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
      {description && (
        <span id={descriptionId} className="visually-hidden">
          {description}
        </span>
      )}
    </ToggleButton>
  );
}

/**
 * A toolbar button that opens a menu above it. The button is named `label`, the menu `menuLabel`
 * (default: the same); `children` are the menu's items and sections.
 */
export function ToolbarMenu({
  label,
  menuLabel = label,
  icon,
  isDisabled,
  buttonClassName = 'toolbar__button',
  menuClassName = 'menu',
  placement = 'top',
  onAction,
  children,
}: {
  readonly label: string;
  readonly menuLabel?: string;
  readonly icon: ReactNode;
  readonly isDisabled?: boolean;
  readonly buttonClassName?: string;
  readonly menuClassName?: string;
  readonly placement?: 'top' | 'top end';
  readonly onAction: (key: Key) => void;
  readonly children: ReactNode;
}) {
  return (
    <MenuTrigger>
      <Button className={buttonClassName} aria-label={label} isDisabled={isDisabled}>
        <ToolbarFace icon={icon} label={label} />
      </Button>
      <Popover placement={placement}>
        <Menu aria-label={menuLabel} className={menuClassName} onAction={onAction}>
          {children}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
