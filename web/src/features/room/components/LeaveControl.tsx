import { PhoneOff } from 'lucide-react';
import { Button, MenuItem } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting, type DebriefScope } from '../../../meeting';
import { ToolbarFace, ToolbarMenu } from './ToolbarControls';

/**
 * "Leave": leaves at once (`onLeave`, given by the lobby, leaves the meeting and navigates); for
 * moderators it opens a menu that can also end the meeting for guests, for everyone but the
 * moderators, or for everyone (protocol `debrief`).
 */
export function LeaveControl({ onLeave }: { readonly onLeave: () => void }) {
  const { t } = useI18n();
  const moderator = useMeeting(selectIsModerator);
  const label = t('room.leave');
  const icon = <PhoneOff aria-hidden="true" size={20} />;
  if (!moderator) {
    return (
      <Button className="toolbar__button toolbar__button--leave" aria-label={label} onPress={onLeave}>
        <ToolbarFace icon={icon} label={label} />
      </Button>
    );
  }
  return (
    <ToolbarMenu
      label={label}
      menuLabel={t('room.leave.menu')}
      icon={icon}
      buttonClassName="toolbar__button toolbar__button--leave"
      placement="top end"
      onAction={(key) => {
        if (key === 'leave') {
          onLeave();
          return;
        }
        const scope = key as DebriefScope;
        void actions.debrief(scope).catch(() => undefined);
      }}
    >
      <MenuItem id="leave" className="menu__item">
        {t('room.leave.self')}
      </MenuItem>
      <MenuItem id="guests" className="menu__item">
        {t('room.leave.guests')}
      </MenuItem>
      <MenuItem id="guests_and_users" className="menu__item">
        {t('room.leave.guestsAndUsers')}
      </MenuItem>
      <MenuItem id="everyone" className="menu__item menu__item--danger">
        {t('room.leave.everyone')}
      </MenuItem>
    </ToolbarMenu>
  );
}
