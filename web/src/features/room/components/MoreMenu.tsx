import { EllipsisVertical } from 'lucide-react';
import type { Key, Selection } from 'react-aria-components';
import { Header, MenuItem, MenuSection, Separator } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, useMeeting } from '../../../meeting';
import type { Fullscreen } from '../hooks/useFullscreen';
import { isTilesPerPage, TILES_PER_PAGE_OPTIONS } from '../logic/pagination';
import { useRoomUi } from '../state/roomUi';
import { Checked } from './MenuParts';
import { ToolbarMenu } from './ToolbarControls';

function firstKey(keys: Selection): Key | undefined {
  return keys === 'all' ? undefined : [...keys][0];
}

/** Layout, tiles per page, full screen, keyboard shortcuts, own name. */
export function MoreMenu({ fullscreen }: { readonly fullscreen: Fullscreen }) {
  const { t } = useI18n();
  const ui = useRoomUi(
    useShallow((s) => ({
      layout: s.layout,
      tilesPerPage: s.tilesPerPage,
      setLayout: s.setLayout,
      setTilesPerPage: s.setTilesPerPage,
      openDialog: s.openDialog,
    })),
  );
  const selfId = useMeeting((s) => s.selfId);
  const selfRename = useMeeting((s) => s.moderation.self_rename);
  const pointRaised = useMeeting((s) => s.pointsOfOrder.raised.some((p) => p.participant_id === s.selfId));
  const label = t('room.more');

  return (
    <ToolbarMenu
      label={label}
      icon={<EllipsisVertical aria-hidden="true" size={20} />}
      onAction={(key) => {
        if (key === 'fullscreen') fullscreen.toggle();
        else if (key === 'shortcuts') ui.openDialog({ kind: 'shortcuts' });
        else if (key === 'point-of-order') ui.openDialog({ kind: 'pointOfOrder' });
        else if (key === 'withdraw-point-of-order') void actions.withdrawPointOfOrder().catch(() => undefined);
        else if (key === 'rename' && selfId !== null) ui.openDialog({ kind: 'rename', participantId: selfId });
      }}
    >
      <MenuSection
        className="menu__section"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[ui.layout]}
        onSelectionChange={(keys) => {
          const key = firstKey(keys);
          if (key === 'grid' || key === 'speaker') ui.setLayout(key);
        }}
      >
        <Header className="menu__header">{t('room.layout')}</Header>
        <MenuItem id="grid" className="menu__item" textValue={t('room.layout.grid')}>
          {({ isSelected }) => <Checked isSelected={isSelected}>{t('room.layout.grid')}</Checked>}
        </MenuItem>
        <MenuItem id="speaker" className="menu__item" textValue={t('room.layout.speaker')}>
          {({ isSelected }) => <Checked isSelected={isSelected}>{t('room.layout.speaker')}</Checked>}
        </MenuItem>
      </MenuSection>
      <MenuSection
        className="menu__section"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[`tiles-${ui.tilesPerPage}`]}
        onSelectionChange={(keys) => {
          const count = Number(String(firstKey(keys) ?? '').slice(6));
          if (isTilesPerPage(count)) ui.setTilesPerPage(count);
        }}
      >
        <Header className="menu__header">{t('room.tilesPerPage')}</Header>
        {TILES_PER_PAGE_OPTIONS.map((count) => (
          <MenuItem
            key={count}
            id={`tiles-${count}`}
            className="menu__item"
            textValue={t('room.tilesPerPage.option', { count })}
          >
            {({ isSelected }) => <Checked isSelected={isSelected}>{t('room.tilesPerPage.option', { count })}</Checked>}
          </MenuItem>
        ))}
      </MenuSection>
      <Separator className="menu__separator" />
      <MenuSection className="menu__section">
        {fullscreen.supported ? (
          <MenuItem id="fullscreen" className="menu__item">
            {fullscreen.active ? t('room.fullscreen.exit') : t('room.fullscreen.enter')}
          </MenuItem>
        ) : null}
        {pointRaised ? (
          <MenuItem id="withdraw-point-of-order" className="menu__item">
            {t('order.withdraw')}
          </MenuItem>
        ) : (
          <MenuItem id="point-of-order" className="menu__item">
            {t('order.raise')}
          </MenuItem>
        )}
        <MenuItem id="shortcuts" className="menu__item">
          {t('room.shortcuts.open')}
        </MenuItem>
        {selfRename ? (
          <MenuItem id="rename" className="menu__item">
            {t('room.action.renameSelf')}
          </MenuItem>
        ) : null}
      </MenuSection>
    </ToolbarMenu>
  );
}
