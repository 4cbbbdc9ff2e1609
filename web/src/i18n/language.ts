import { readStorage, writeStorage } from '../lib/storage';
import { isLanguage, type Language } from './translate';

export const LANGUAGE_STORAGE_KEY = 'plenum.language';

/**
 * The stored choice wins; otherwise the first browser language we support
 * (matched on the primary subtag, so "de-AT" → "de"); otherwise English.
 */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

export function initialLanguage(): Language {
  return detectLanguage(readStorage(LANGUAGE_STORAGE_KEY), browserLanguages());
}

export function storeLanguage(language: Language): void {
  writeStorage(LANGUAGE_STORAGE_KEY, language);
}
