import { FaceSlightlySmilingPlus } from 'lucide-react';
import { MenuItem } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, useMeeting } from '../../../meeting';
import { REACTIONS } from './reactions';
import { ToolbarMenu } from './ToolbarControls';

export function ReactionsMenu() {
  const { t } = useI18n();
  const enabled = useMeeting((s) => s.reactions.enabled);
  const label = t('room.reactions');
  return (
    <ToolbarMenu
      label={label}
      icon={<FaceSlightlySmilingPlus aria-hidden="true" size={20} />}
      isDisabled={!enabled}
      menuClassName="menu menu--reactions"
      onAction={(key) => {
        const found = REACTIONS.find((r) => r.reaction === key);
        if (found) void actions.react(found.reaction).catch(() => undefined);
      }}
    >
      {REACTIONS.map((r) => (
        <MenuItem key={r.reaction} id={r.reaction} textValue={t(`room.reaction.${r.reaction}`)} className="menu__item">
          <span aria-hidden="true" className="menu__emoji">
            {r.emoji}
          </span>
          {t(`room.reaction.${r.reaction}`)}
        </MenuItem>
      ))}
    </ToolbarMenu>
  );
}
