import { LanguageSwitch, useI18n } from '../../i18n';
import { ThemeSwitch } from '../../theme';

/** Brand and display settings above the lobby (guests have no app header). */
export function LobbyHeader() {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <span className="app-header__brand">
        <img src="/favicon.svg" alt="" width="28" height="28" />
        {t('app.name')}
      </span>
      <div className="app-header__settings" role="group" aria-label={t('settings.label')}>
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
    </header>
  );
}
