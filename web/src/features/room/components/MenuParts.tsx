import { Check } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Key, PopoverProps } from 'react-aria-components';
import { Button, Menu, MenuTrigger, Popover } from 'react-aria-components';

/**
 * A button that opens a menu. The button is named `label`, the menu `menuLabel` (default: the
 * same); `face` is what the button shows, `children` the menu's items and sections.
 */
export function MenuButton({
  label,
  menuLabel = label,
  face,
  buttonClassName,
  menuClassName = 'menu',
  isDisabled,
  placement,
  onAction,
  children,
}: {
  readonly label: string;
  readonly menuLabel?: string;
  readonly face: ReactNode;
  readonly buttonClassName: string;
  readonly menuClassName?: string;
  readonly isDisabled?: boolean;
  readonly placement: PopoverProps['placement'];
  readonly onAction?: (key: Key) => void;
  readonly children: ReactNode;
}) {
  return (
    <MenuTrigger>
      <Button className={buttonClassName} aria-label={label} isDisabled={isDisabled}>
        {face}
      </Button>
      <Popover placement={placement}>
        <Menu aria-label={menuLabel} className={menuClassName} onAction={onAction}>
          {children}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/** A menu item's text after a check mark that shows whether it is the selected one. */
export function Checked({ isSelected, children }: { readonly isSelected: boolean; readonly children: ReactNode }) {
  return (
    <>
      <span className="menu__check" aria-hidden="true">
        {isSelected && <Check size={16} />}
      </span>
      {children}
    </>
  );
}
