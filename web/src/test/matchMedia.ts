/** jsdom has no matchMedia: a minimal one driven by the test's system preferences. */
export interface SystemPreferences {
  readonly dark?: boolean;
  readonly moreContrast?: boolean;
}

export function setSystemPreferences(prefs: SystemPreferences): void {
  const matches = (query: string): boolean =>
    (query.includes('prefers-color-scheme: dark') && prefs.dark === true) ||
    (query.includes('prefers-contrast: more') && prefs.moreContrast === true);

  window.matchMedia = (query: string): MediaQueryList => ({
    media: query,
    matches: matches(query),
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  });
}
