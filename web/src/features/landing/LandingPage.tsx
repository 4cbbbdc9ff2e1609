import { useI18n } from '../../i18n';
import { ServerStatus } from './ServerStatus';

export function LandingPage() {
  const { t } = useI18n();
  return (
    <div className="landing">
      <h1 className="landing__title">{t('app.name')}</h1>
      <p className="landing__tagline">{t('app.tagline')}</p>
      <ServerStatus />
    </div>
  );
}
