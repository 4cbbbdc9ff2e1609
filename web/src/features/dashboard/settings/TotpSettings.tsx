import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { fetchOwnProfile, type OwnProfile } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { useI18n, type PlainMessageKey } from '../../../i18n';
import { CopyField } from '../components/CopyField';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextInput } from '../components/fields';
import { beginTotp, confirmTotp, disableTotp, type TotpEnrollment } from './totpApi';

const CODE = /^\d{6,8}$/;

/** Turns the second sign-in factor on (secret + code from the app) or off (a current code). */
export function TotpSettings({ user }: { readonly user: OwnProfile }) {
  const { t } = useI18n();
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<PlainMessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<PlainMessageKey | null>(null);

  const reset = () => {
    setCode('');
    setCodeError(null);
    setError(null);
  };

  const refreshProfile = async (fallback: OwnProfile) => {
    try {
      useSession.getState().updateUser(await fetchOwnProfile());
    } catch {
      useSession.getState().updateUser(fallback);
    }
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_argument' && e.field === 'code') setCodeError('dash.totp.wrongCode');
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      reset();
      setDone(null);
      setEnrollment(await beginTotp());
    });

  const submitCode = (event: FormEvent<HTMLFormElement>, action: (code: string) => Promise<void>) => {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!CODE.test(value)) {
      setCodeError('dash.totp.codeInvalid');
      return;
    }
    setCodeError(null);
    void run(() => action(value));
  };

  const confirm = async (value: string) => {
    if (enrollment === null) return;
    await confirmTotp(enrollment.secret, value);
    setEnrollment(null);
    reset();
    setDone('dash.totp.enabled');
    await refreshProfile({ ...user, totp_enabled: true });
  };

  const disable = async (value: string) => {
    await disableTotp(value);
    reset();
    setDone('dash.totp.disabled');
    await refreshProfile({ ...user, totp_enabled: false });
  };

  const codeField = (label: string) => (
    <TextInput
      className="dash-totp-code-field"
      label={label}
      value={code}
      onChange={(value) => {
        setCode(value);
        setCodeError(null);
      }}
      error={codeError !== null ? t(codeError) : null}
      inputMode="numeric"
      autoComplete="one-time-code"
    />
  );

  return (
    <section className="dash-form-section dash-settings-totp" aria-labelledby="settings-totp">
      <h2 id="settings-totp">{t('dash.totp.title')}</h2>
      <p>{user.totp_enabled ? t('dash.totp.on') : t('dash.totp.off')}</p>
      <p role="status">{done !== null ? t(done) : ''}</p>
      {!user.totp_enabled && enrollment === null && (
        <div className="dash-form-actions">
          <Button className="button" onPress={() => void start()} isDisabled={busy}>
            {busy ? t('dash.totp.starting') : t('dash.totp.enable')}
          </Button>
        </div>
      )}
      {!user.totp_enabled && enrollment !== null && (
        <Form className="dash-editor__form" onSubmit={(e) => submitCode(e, confirm)} validationBehavior="aria">
          <p>{t('dash.totp.instructions')}</p>
          <p>
            <a href={enrollment.uri}>{t('dash.totp.openApp')}</a>
          </p>
          <CopyField label={t('dash.totp.secret')} copyLabel={t('dash.totp.copySecret')} value={enrollment.secret} />
          <CopyField label={t('dash.totp.uri')} copyLabel={t('dash.totp.copyUri')} value={enrollment.uri} />
          {codeField(t('dash.totp.code'))}
          <div className="dash-form-actions">
            <Button type="submit" className="button" isDisabled={busy}>
              {t('dash.totp.confirm')}
            </Button>
            <Button
              className="button dash-button--secondary"
              isDisabled={busy}
              onPress={() => {
                setEnrollment(null);
                reset();
              }}
            >
              {t('dash.cancel')}
            </Button>
          </div>
        </Form>
      )}
      {user.totp_enabled && (
        <Form className="dash-editor__form" onSubmit={(e) => submitCode(e, disable)} validationBehavior="aria">
          {codeField(t('dash.totp.disableCode'))}
          <div className="dash-form-actions">
            <Button type="submit" className="button dash-button--danger" isDisabled={busy}>
              {t('dash.totp.disable')}
            </Button>
          </div>
        </Form>
      )}
      {error !== null && <ErrorAlert title={t('dash.totp.error')} error={error} />}
    </section>
  );
}
