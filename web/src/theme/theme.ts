import { readStorage, writeStorage } from '../lib/storage';

export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_STORAGE_KEY = 'plenum.theme';

export const CONTRAST_QUERY = '(prefers-contrast: more)';
export const DARK_QUERY = '(prefers-color-scheme: dark)';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

type MediaMatcher = (query: string) => boolean;

export function systemMatcher(): MediaMatcher {
  return (query) => typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

/** What the operating system asks for: more contrast beats dark beats light. */
export function systemTheme(matches: MediaMatcher): Theme {
  if (matches(CONTRAST_QUERY)) return 'high-contrast';
  if (matches(DARK_QUERY)) return 'dark';
  return 'light';
}

export function storedTheme(): Theme | null {
  const value = readStorage(THEME_STORAGE_KEY);
  return isTheme(value) ? value : null;
}

export function storeTheme(theme: Theme): void {
  writeStorage(THEME_STORAGE_KEY, theme);
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
