import { LandingPage } from '../features/landing';
import { I18nProvider, useI18n } from '../i18n';
import { ThemeProvider } from '../theme';
import { AppHeader } from './AppHeader';

const MAIN_ID = 'main-content';

function AppShell() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id={MAIN_ID} tabIndex={-1}>
        <LandingPage />
      </main>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ThemeProvider>
        <AppShell />
      </ThemeProvider>
    </I18nProvider>
  );
}
