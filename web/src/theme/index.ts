export { useTheme, type ThemeValue } from './context';
export { ThemeProvider } from './ThemeProvider';
export { ThemeSwitch } from './ThemeSwitch';
export { THEME_LABELS } from './labels';
export {
  fromApiTheme,
  isTheme,
  isThemeChoice,
  systemTheme,
  THEME_CHOICES,
  THEME_STORAGE_KEY,
  THEMES,
  toApiTheme,
  type ApiTheme,
  type Theme,
  type ThemeChoice,
} from './theme';
