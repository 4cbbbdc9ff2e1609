import { describe, expect, it } from 'vitest';
import { fromApiTheme, toApiTheme } from './theme';

describe('account themes', () => {
  it('map between the API and the app both ways', () => {
    expect(fromApiTheme('high_contrast')).toBe('high-contrast');
    expect(fromApiTheme('system')).toBe('system');
    expect(fromApiTheme('dark')).toBe('dark');
    expect(fromApiTheme('sepia')).toBeNull();
    for (const api of ['system', 'light', 'dark', 'high_contrast'] as const) expect(toApiTheme(fromApiTheme(api)!)).toBe(api);
  });
});
