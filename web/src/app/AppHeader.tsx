import { CalendarDays, LogOut, Settings } from 'lucide-react';
import { NavLink, useNavigate } from 'react-router';
import { logout } from '../api/auth';
import { useCurrentUser, useSession } from '../auth/session';
import { LanguageSwitch, useI18n } from '../i18n';
import { ThemeSwitch } from '../theme';

export function AppHeader() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();

  const signOut = () => {
    // Revoke on the server, but never keep someone signed in because the server is unreachable.
    void logout().catch(() => undefined);
    useSession.getState().signOut();
    void navigate('/signin');
  };

  return (
    <header className="app-header">
      <NavLink to="/" className="app-header__brand">
        <img src="/favicon.svg" alt="" width="28" height="28" />
        {t('app.name')}
      </NavLink>
      {user !== null && (
        <nav className="app-header__nav" aria-label={t('nav.label')}>
          <NavLink to="/" end>
            <CalendarDays aria-hidden="true" size={18} />
            {t('nav.dashboard')}
          </NavLink>
          <NavLink to="/settings">
            <Settings aria-hidden="true" size={18} />
            {t('nav.settings')}
          </NavLink>
        </nav>
      )}
      <div className="app-header__settings" role="group" aria-label={t('settings.label')}>
        <LanguageSwitch />
        <ThemeSwitch />
        {user !== null && (
          <button type="button" className="app-header__signout" onClick={signOut}>
            <LogOut aria-hidden="true" size={18} />
            <span>{t('nav.signOut')}</span>
            <span className="visually-hidden">({t('nav.account', { name: user.display_name })})</span>
          </button>
        )}
      </div>
    </header>
  );
}
