import { LogIn } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useI18n } from '../../i18n';
import type { JoinProblem } from './joinErrors';

interface Props {
  /** Guests type a name; signed-in users join under their account name. */
  readonly accountName: string | null;
  readonly askPassword: boolean;
  readonly problem: JoinProblem | null;
  readonly busy: boolean;
  readonly onJoin: (displayName: string, password: string | null) => void;
}

export function JoinForm({ accountName, askPassword, problem, busy, onJoin }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onJoin(accountName ?? name.trim(), askPassword ? password : null);
  };
  const problemText = problem === null ? null : problem.key === 'other' ? t('lobby.error.other', { message: problem.message ?? '' }) : t(problem.key);

  return (
    <Form className="lobby__form" onSubmit={submit} validationBehavior="aria">
      <h1>{t('lobby.title')}</h1>
      {problemText !== null && problem?.password === undefined && (
        <p className="alert" role="alert">
          {problemText}
        </p>
      )}
      {accountName !== null ? (
        <p>{t('lobby.joinAs', { name: accountName })}</p>
      ) : (
        <TextField
          name="display_name"
          autoComplete="name"
          isRequired
          maxLength={100}
          value={name}
          onChange={setName}
          validate={(v) => (v.trim() === '' ? t('lobby.error.nameRequired') : null)}
        >
          <Label>{t('lobby.displayName')}</Label>
          <Input />
          <Text slot="description">{t('lobby.displayNameHint')}</Text>
          <FieldError />
        </TextField>
      )}
      {askPassword && (
        <TextField
          name="password"
          type="password"
          autoComplete="off"
          isRequired
          value={password}
          onChange={setPassword}
          isInvalid={problem?.password === 'wrong'}
          autoFocus={problem?.password !== undefined}
        >
          <Label>{t('lobby.password')}</Label>
          <Input />
          {problem?.password !== undefined && <Text slot="errorMessage" className="field-error" role="alert">{problemText}</Text>}
        </TextField>
      )}
      <Button type="submit" className="react-aria-Button button--primary lobby__join" isDisabled={busy}>
        <LogIn aria-hidden="true" size={18} />
        {busy ? t('lobby.joining') : t('lobby.join')}
      </Button>
    </Form>
  );
}
