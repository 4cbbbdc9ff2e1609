import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ThemeContext, type ThemeValue } from './context';
import {
  applyTheme,
  CONTRAST_QUERY,
  DARK_QUERY,
  storedTheme,
  storeTheme,
  systemMatcher,
  systemTheme,
  type Theme,
  type ThemeChoice,
} from './theme';

export function ThemeProvider({ children }: { children: ReactNode }) {
  // An explicit choice is stored; without one we follow the system setting.
  const [chosen, setChosen] = useState<Theme | null>(storedTheme);
  const [system, setSystem] = useState<Theme>(() => systemTheme(systemMatcher()));
  const theme = chosen ?? system;

  useEffect(() => {
    applyTheme(theme);
  }, [theme]);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return undefined;
    const lists = [window.matchMedia(CONTRAST_QUERY), window.matchMedia(DARK_QUERY)];
    const update = () => setSystem(systemTheme(systemMatcher()));
    for (const list of lists) list.addEventListener('change', update);
    return () => {
      for (const list of lists) list.removeEventListener('change', update);
    };
  }, []);

  const setTheme = useCallback((next: ThemeChoice) => {
    storeTheme(next);
    setChosen(next === 'system' ? null : next);
  }, []);

  const value = useMemo<ThemeValue>(() => ({ theme, choice: chosen ?? 'system', setTheme }), [theme, chosen, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}
