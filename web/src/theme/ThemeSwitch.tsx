import { useId } from 'react';
import { useI18n } from '../i18n';
import { useTheme } from './context';
import { THEME_LABELS } from './labels';
import { isThemeChoice, THEME_CHOICES } from './theme';

export function ThemeSwitch() {
  const { choice, setTheme } = useTheme();
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('theme.label')}</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          if (isThemeChoice(event.target.value)) setTheme(event.target.value);
        }}
      >
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {t(THEME_LABELS[option])}
          </option>
        ))}
      </select>
    </div>
  );
}
