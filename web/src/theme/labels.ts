import type { PlainMessageKey } from '../i18n';
import type { ThemeChoice } from './theme';

export const THEME_LABELS: { readonly [T in ThemeChoice]: PlainMessageKey } = {
  system: 'theme.system',
  light: 'theme.light',
  dark: 'theme.dark',
  'high-contrast': 'theme.highContrast',
};
