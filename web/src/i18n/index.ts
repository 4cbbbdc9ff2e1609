export { useI18n, type I18nValue } from './context';
export { I18nProvider } from './I18nProvider';
export { LanguageSwitch } from './LanguageSwitch';
export { detectLanguage, LANGUAGE_STORAGE_KEY } from './language';
export { createTranslate, isLanguage, LANGUAGES, type Language, type PlainMessageKey, type Translate } from './translate';
export type { MessageKey } from './messages/en';
