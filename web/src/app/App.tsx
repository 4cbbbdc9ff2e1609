import { BrowserRouter } from 'react-router';
import { I18nProvider } from '../i18n';
import { ThemeProvider } from '../theme';
import { AppRoutes } from './routes';

export function App() {
  return (
    <I18nProvider>
      <ThemeProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ThemeProvider>
    </I18nProvider>
  );
}
