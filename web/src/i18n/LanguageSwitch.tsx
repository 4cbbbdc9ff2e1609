import { useId } from 'react';
import { useI18n } from './context';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from './translate';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}
