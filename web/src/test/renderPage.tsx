import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AppShell } from '../app/AppShell';
import { I18nProvider } from '../i18n';
import { ThemeProvider } from '../theme';

/**
 * Renders one page inside the app shell (header, main) with the app's providers, at `path`
 * (matched against `route`), without importing the other pages.
 */
export function renderPage(page: ReactElement, { route = '/', path = route }: { route?: string; path?: string } = {}) {
  return render(
    <I18nProvider>
      <ThemeProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route element={<AppShell />}>
              <Route path={route} element={page} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </ThemeProvider>
    </I18nProvider>,
  );
}
