import { readStorage, removeStorage, writeStorage } from '../lib/storage';

export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];
/** What a person picks: a theme, or "system" (follow the operating system's setting). */
export const THEME_CHOICES = ['system', ...THEMES] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
/** The account API spells the themes with underscores. */
export type ApiTheme = 'system' | 'light' | 'dark' | 'high_contrast';

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

export function storeTheme(choice: ThemeChoice): void {
  if (choice === 'system') removeStorage(THEME_STORAGE_KEY);
  else writeStorage(THEME_STORAGE_KEY, choice);
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || isTheme(value);
}

export function fromApiTheme(value: string): ThemeChoice | null {
  const choice = value === 'high_contrast' ? 'high-contrast' : value;
  return isThemeChoice(choice) ? choice : null;
}

export function toApiTheme(choice: ThemeChoice): ApiTheme {
  return choice === 'high-contrast' ? 'high_contrast' : choice;
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
