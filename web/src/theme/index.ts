export { useTheme, type ThemeValue } from './context';
export { ThemeProvider } from './ThemeProvider';
export { ThemeSwitch } from './ThemeSwitch';
export { isTheme, systemTheme, THEME_STORAGE_KEY, THEMES, type Theme } from './theme';
