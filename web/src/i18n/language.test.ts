import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import { createTranslate } from './translate';

describe('detectLanguage', () => {
  it('prefers a stored choice', () => {
    expect(detectLanguage('de', ['en-US'])).toBe('de');
  });

  it('ignores invalid stored values and uses the first supported browser language', () => {
    expect(detectLanguage('xx', ['fr-FR', 'de-AT', 'en'])).toBe('de');
  });

  it('defaults to English', () => {
    expect(detectLanguage(null, ['fr', 'es'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});

describe('createTranslate', () => {
  it('fills placeholders', () => {
    expect(createTranslate('en')('server.version', { version: '1.2.3' })).toBe('Server version 1.2.3');
    expect(createTranslate('de')('server.error.server', { status: 500 })).toBe(
      'Der Server hat mit einem Fehler geantwortet (HTTP 500).',
    );
  });
});
