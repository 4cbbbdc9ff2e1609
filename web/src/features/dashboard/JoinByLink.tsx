import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useI18n, type PlainMessageKey } from '../../i18n';
import { parseJoinInput } from './lib/joinLink';

/** "Join by link or meeting ID": accepts room and guest links and bare room ids. */
export function JoinByLink() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<PlainMessageKey | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value.trim() === '') {
      setError('dash.join.empty');
      return;
    }
    const target = parseJoinInput(value);
    if (target === null) {
      setError('dash.join.invalid');
      return;
    }
    navigate(target.path);
  };

  return (
    <section className="dash-section dash-join" aria-labelledby="dash-join">
      <h2 id="dash-join">{t('dash.join.title')}</h2>
      <Form className="dash-join__form" onSubmit={submit} validationBehavior="aria">
        <TextField
          className="dash-text-field"
          value={value}
          onChange={(v) => {
            setValue(v);
            setError(null);
          }}
          isInvalid={error !== null}
        >
          <Label>{t('dash.join.label')}</Label>
          <Input autoComplete="off" spellCheck={false} />
          <Text slot="description" className="dash-field-hint">
            {t('dash.join.hint')}
          </Text>
          <FieldError className="dash-field-error">{error !== null ? t(error) : ''}</FieldError>
        </TextField>
        <Button type="submit" className="button">
          {t('dash.join.submit')}
        </Button>
      </Form>
    </section>
  );
}
