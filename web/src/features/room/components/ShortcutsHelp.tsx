import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { SHORTCUTS } from '../logic/shortcuts';
import { useRoomUi } from '../state/roomUi';
import { PanelSwitch } from './PanelFields';

/** The shortcut list and the switch that turns them off (remembered). */
export function ShortcutsHelp() {
  const { t } = useI18n();
  const { enabled, setEnabled } = useRoomUi(
    useShallow((s) => ({ enabled: s.shortcutsEnabled, setEnabled: s.setShortcutsEnabled })),
  );
  return (
    <div className="shortcuts">
      <PanelSwitch label={t('room.shortcuts.enabled')} value={enabled} onChange={setEnabled} />
      <table className="shortcuts__table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>{s.key}</kbd>
              </td>
              <td>{t(`room.shortcuts.${s.action}`)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>{t('room.shortcuts.space')}</kbd>
            </td>
            <td>{t('room.shortcuts.pushToTalk')}</td>
          </tr>
        </tbody>
      </table>
      <p className="panel__hint">{t('room.shortcuts.note')}</p>
      {!enabled && (
        <p className="panel__hint" role="status">
          {t('room.shortcuts.offNotice')}
        </p>
      )}
    </div>
  );
}
