import { ChevronUp } from 'lucide-react';
import type { Key } from 'react-aria-components';
import { Header, MenuItem, MenuSection } from 'react-aria-components';
import type { DeviceOption } from '../../../devices';
import { useI18n } from '../../../i18n';
import { Checked, MenuButton } from './MenuParts';

export interface DeviceGroup {
  readonly id: string;
  readonly title: string;
  readonly devices: readonly DeviceOption[];
  /** The chosen device; null: the browser's default. */
  readonly selected: string | null;
  /** Offer "system default" as an entry (speakers). */
  readonly allowDefault?: boolean;
  readonly onSelect: (deviceId: string | null) => void;
}

const DEFAULT_KEY = '__default__';

/** A small chevron button next to a toolbar toggle that opens device pickers. */
export function DeviceMenu({ label, groups }: { readonly label: string; readonly groups: readonly DeviceGroup[] }) {
  const { t } = useI18n();
  return (
    <MenuButton
      label={label}
      face={<ChevronUp aria-hidden="true" size={16} />}
      buttonClassName="toolbar__device"
      placement="top"
    >
      {groups.map((group) => {
        const items: { id: string; label: string }[] = group.devices.map((d, i) => ({
          id: d.id,
          label: d.label || t('room.devices.unnamed', { number: i + 1 }),
        }));
        if (group.allowDefault) items.unshift({ id: DEFAULT_KEY, label: t('room.devices.default') });
        const selected = group.selected ?? (group.allowDefault ? DEFAULT_KEY : null);
        return (
          <MenuSection
            key={group.id}
            className="menu__section"
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={selected === null ? [] : [`${group.id}:${selected}`]}
            onSelectionChange={(keys) => {
              if (keys === 'all') return;
              const [key] = [...keys] as Key[];
              if (key === undefined) return;
              const id = String(key).slice(group.id.length + 1);
              group.onSelect(id === DEFAULT_KEY ? null : id);
            }}
          >
            <Header className="menu__header">{group.title}</Header>
            {items.length === 0 ? (
              <MenuItem id={`${group.id}:__none__`} isDisabled className="menu__item">
                {t('room.devices.none')}
              </MenuItem>
            ) : (
              items.map((item) => (
                <MenuItem key={item.id} id={`${group.id}:${item.id}`} textValue={item.label} className="menu__item">
                  {({ isSelected }) => <Checked isSelected={isSelected}>{item.label}</Checked>}
                </MenuItem>
              ))
            )}
          </MenuSection>
        );
      })}
    </MenuButton>
  );
}
