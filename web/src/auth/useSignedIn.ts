import { useCallback } from 'react';
import type { OwnProfile } from '../api/auth';
import { isLanguage, useI18n } from '../i18n';
import { fromApiTheme, useTheme } from '../theme';
import { useSession } from './session';

/** Stores a new session and applies the account's language and theme. */
export function useSignedIn(): (token: string, expiresAt: string, user: OwnProfile) => void {
  const { setLanguage } = useI18n();
  const { setTheme } = useTheme();
  return useCallback(
    (token, expiresAt, user) => {
      useSession.getState().signIn(token, expiresAt, user);
      if (isLanguage(user.language)) setLanguage(user.language);
      const theme = fromApiTheme(user.theme);
      if (theme !== null) setTheme(theme);
    },
    [setLanguage, setTheme],
  );
}
