import { Outlet } from 'react-router';
import { useI18n } from '../i18n';
import { AppHeader } from './AppHeader';

export const MAIN_ID = 'main-content';

/** Skip link, header and the page's main landmark. */
export function AppShell() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id={MAIN_ID} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
