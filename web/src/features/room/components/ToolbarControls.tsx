import { useId, type ComponentProps, type ReactNode } from 'react';
import { ToggleButton } from 'react-aria-components';
import { MenuButton } from './MenuParts';

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

/** A toolbar button that opens a menu above it (see MenuButton). */
export function ToolbarMenu({
  icon,
  label,
  buttonClassName = 'toolbar__button',
  placement = 'top',
  ...rest
}: {
  readonly icon: ReactNode;
  readonly label: string;
  readonly buttonClassName?: string;
  readonly placement?: 'top' | 'top end';
} & Omit<ComponentProps<typeof MenuButton>, 'face' | 'buttonClassName' | 'placement'>) {
  return (
    <MenuButton
      {...rest}
      label={label}
      face={<ToolbarFace icon={icon} label={label} />}
      buttonClassName={buttonClassName}
      placement={placement}
    />
  );
}
