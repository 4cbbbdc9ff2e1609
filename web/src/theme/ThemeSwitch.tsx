import { useId } from 'react';
import { useI18n, type PlainMessageKey } from '../i18n';
import { useTheme } from './context';
import { isTheme, THEMES, type Theme } from './theme';

const THEME_LABELS: { readonly [T in Theme]: PlainMessageKey } = {
  light: 'theme.light',
  dark: 'theme.dark',
  'high-contrast': 'theme.highContrast',
};

export function ThemeSwitch() {
  const { theme, setTheme } = useTheme();
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('theme.label')}</label>
      <select
        id={id}
        value={theme}
        onChange={(event) => {
          if (isTheme(event.target.value)) setTheme(event.target.value);
        }}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {t(THEME_LABELS[option])}
          </option>
        ))}
      </select>
    </div>
  );
}
