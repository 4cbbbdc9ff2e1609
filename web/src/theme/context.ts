import { createContext, useContext } from 'react';
import type { Theme, ThemeChoice } from './theme';

export interface ThemeValue {
  /** The theme applied now. */
  readonly theme: Theme;
  /** What was picked: a theme, or "system" (then `theme` follows the operating system). */
  readonly choice: ThemeChoice;
  readonly setTheme: (choice: ThemeChoice) => void;
}

export const ThemeContext = createContext<ThemeValue | null>(null);

export function useTheme(): ThemeValue {
  const value = useContext(ThemeContext);
  if (value === null) throw new Error('useTheme must be used inside <ThemeProvider>');
  return value;
}
