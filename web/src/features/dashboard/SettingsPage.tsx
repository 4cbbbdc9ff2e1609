import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { ProfileSettings } from './settings/ProfileSettings';
import { TotpSettings } from './settings/TotpSettings';
import './dashboard.css';

/** Display name, language, theme and the second sign-in factor. */
export function SettingsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <div className="dash-settings">
      <Link to="/" className="dash-back-link">
        <ArrowLeft aria-hidden="true" size={16} />
        {t('dash.editor.back')}
      </Link>
      <h1>{t('dash.settings.title')}</h1>
      {user !== null && (
        <>
          <ProfileSettings user={user} />
          <TotpSettings user={user} />
        </>
      )}
    </div>
  );
}
