import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { BackLink } from './components/BackLink';
import { ProfileSettings } from './settings/ProfileSettings';
import { TotpSettings } from './settings/TotpSettings';
import './dashboard.css';

/** Display name, language, theme and the second sign-in factor. */
export function SettingsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <div className="dash-settings">
      <BackLink />
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
