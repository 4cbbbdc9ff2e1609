import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { login } from '../../api/auth';
import { ApiError, NETWORK_ERROR } from '../../api/client';
import { useSignedIn } from '../../auth/useSignedIn';
import { useI18n, type Translate } from '../../i18n';

function errorText(error: unknown, t: Translate, askedForCode: boolean): string {
  if (!(error instanceof ApiError)) return t('signin.error.other', { message: String(error) });
  switch (error.code) {
    case 'unauthenticated':
      return askedForCode ? t('signin.error.totp') : t('signin.error.credentials');
    case 'too_many_requests':
      return t('signin.error.rateLimited');
    case NETWORK_ERROR:
      return t('signin.error.network');
    default:
      return t('signin.error.other', { message: error.message });
  }
}

/** E-mail and password, then (when the account has it) the TOTP code. */
export function PasswordForm({ onSignedIn }: { readonly onSignedIn: () => void }) {
  const { t } = useI18n();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const reply = await login(needsCode ? { email, password, totp } : { email, password });
      signedIn(reply.access_token, reply.expires_at, reply.user);
      onSignedIn();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'second_factor_required') {
        setNeedsCode(true);
      } else {
        setError(errorText(caught, t, needsCode));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form className="signin-form" onSubmit={(e) => void submit(e)} validationBehavior="aria">
      {error !== null && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <TextField name="email" type="email" autoComplete="username" isRequired value={email} onChange={setEmail}>
        <Label>{t('signin.email')}</Label>
        <Input />
        <FieldError>{t('signin.error.required')}</FieldError>
      </TextField>
      <TextField name="password" type="password" autoComplete="current-password" isRequired value={password} onChange={setPassword}>
        <Label>{t('signin.password')}</Label>
        <Input />
        <FieldError>{t('signin.error.required')}</FieldError>
      </TextField>
      {needsCode && (
        <TextField
          name="totp"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          isRequired
          autoFocus
          value={totp}
          onChange={setTotp}
        >
          <Label>{t('signin.totp')}</Label>
          <Input />
          <Text slot="description">{t('signin.totpHint')}</Text>
        </TextField>
      )}
      <Button type="submit" className="react-aria-Button button--primary" isDisabled={busy}>
        {busy ? t('signin.submitting') : t('signin.submit')}
      </Button>
    </Form>
  );
}
