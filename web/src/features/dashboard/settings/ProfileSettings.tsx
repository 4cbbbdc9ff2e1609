import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { updateOwnProfile, type OwnProfile } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { LANGUAGES, useI18n, type Language, type PlainMessageKey } from '../../../i18n';
import { THEME_CHOICES, THEME_LABELS, toApiTheme, useTheme, type ThemeChoice } from '../../../theme';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectInput, TextInput } from '../components/fields';

const LANGUAGE_NAMES: { readonly [L in Language]: string } = { en: 'English', de: 'Deutsch' };

export const MAX_DISPLAY_NAME = 100;

/** Display name, language and theme: saved to the profile and applied at once. */
export function ProfileSettings({ user }: { readonly user: OwnProfile }) {
  const { t, language: currentLanguage, setLanguage } = useI18n();
  const { choice: currentTheme, setTheme } = useTheme();
  const [name, setName] = useState(user.display_name);
  const [language, setLanguageChoice] = useState<Language>(currentLanguage);
  const [theme, setThemeChoice] = useState<ThemeChoice>(currentTheme);
  const [nameError, setNameError] = useState<PlainMessageKey | string | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = trimmed === '' ? 'dash.settings.displayNameRequired' : [...trimmed].length > MAX_DISPLAY_NAME ? 'dash.settings.displayNameTooLong' : null;
    setNameError(problem);
    setError(null);
    if (problem !== null) return;
    setStatus('saving');
    try {
      const profile = await updateOwnProfile({ display_name: trimmed, language, theme: toApiTheme(theme) });
      useSession.getState().updateUser(profile);
      setLanguage(language);
      setTheme(theme);
      setName(profile.display_name);
      setStatus('saved');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_argument' && e.field === 'display_name') {
        setNameError(e.message);
      } else {
        setError(e);
      }
      setStatus('idle');
    }
  };

  const nameMessage =
    nameError === null
      ? null
      : nameError === 'dash.settings.displayNameRequired' || nameError === 'dash.settings.displayNameTooLong'
        ? t(nameError)
        : t('dash.editor.error.server', { message: nameError });

  return (
    <section className="dash-form-section" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{t('dash.settings.profile')}</h2>
      <p className="dash-muted">{t('dash.settings.email', { email: user.email })}</p>
      <Form className="dash-editor__form" onSubmit={(e) => void submit(e)} validationBehavior="aria">
        <TextInput
          label={t('dash.settings.displayName')}
          value={name}
          onChange={(value) => {
            setName(value);
            setStatus('idle');
          }}
          error={nameMessage}
          autoComplete="name"
          isRequired
        />
        <div className="dash-form-grid">
          <SelectInput
            label={t('dash.settings.language')}
            value={language}
            options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
            onChange={(value) => {
              setLanguageChoice(value);
              setStatus('idle');
            }}
          />
          <SelectInput
            label={t('dash.settings.theme')}
            value={theme}
            options={THEME_CHOICES.map((value) => ({ value, label: t(THEME_LABELS[value]) }))}
            onChange={(value) => {
              setThemeChoice(value);
              setStatus('idle');
            }}
          />
        </div>
        {error !== null && <ErrorAlert title={t('dash.settings.saveError')} error={error} />}
        <div className="dash-form-actions">
          <Button type="submit" className="button" isDisabled={status === 'saving'}>
            {status === 'saving' ? t('dash.settings.saving') : t('dash.settings.save')}
          </Button>
          <p role="status">{status === 'saved' ? t('dash.settings.saved') : ''}</p>
        </div>
      </Form>
    </section>
  );
}
