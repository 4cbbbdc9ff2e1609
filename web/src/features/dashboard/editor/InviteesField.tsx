import { Trash2, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { InviteRole } from '../../../api/events';
import { useI18n } from '../../../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectInput, TextInput } from '../components/fields';
import { addRow, emailRow, userRow, type InviteeRow } from '../lib/invitees';
import { isEmail } from '../lib/meetingForm';
import { MIN_QUERY, useUserSearch } from './useUserSearch';

interface Props {
  readonly rows: readonly InviteeRow[];
  readonly onChange: (rows: InviteeRow[]) => void;
  /** Accounts that cannot be invited (the organiser). */
  readonly excludeUserId: string | null;
}

type UserRole = Extract<InviteRole, 'user' | 'moderator'>;
type GuestRole = Extract<InviteRole, 'guest' | 'moderator'>;

/** Invite accounts found by search and e-mail addresses, each with a role; list and remove. */
export function InviteesField({ rows, onChange, excludeUserId }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [userRole, setUserRole] = useState<UserRole>('user');
  const [email, setEmail] = useState('');
  const [emailRole, setEmailRole] = useState<GuestRole>('guest');
  const [emailError, setEmailError] = useState<string | null>(null);
  const search = useUserSearch(query);
  const found = search.status === 'done' ? search.users.filter((u) => u.id !== excludeUserId) : [];

  const add = (row: InviteeRow): boolean => {
    const next = addRow(rows, row);
    if (next === null) return false;
    onChange(next);
    return true;
  };

  const addEmail = () => {
    if (!isEmail(email)) {
      setEmailError(t('dash.invitees.emailInvalid'));
      return;
    }
    if (!add(emailRow(email, emailRole))) {
      setEmailError(t('dash.invitees.duplicate'));
      return;
    }
    setEmail('');
    setEmailError(null);
  };

  const roleLabel = (role: InviteRole) => t(`dash.invitees.role.${role}`);
  const roleOptions = <R extends InviteRole>(roles: readonly R[]) => roles.map((value) => ({ value, label: roleLabel(value) }));
  const label = (row: InviteeRow) =>
    row.name ?? row.email ?? t('dash.invitees.account', { id: (row.userId ?? '').slice(0, 8) });

  return (
    <>
      <div className="dash-inline-fields">
        <TextInput
          type="search"
          label={t('dash.invitees.search')}
          description={t('dash.invitees.searchHint')}
          value={query}
          onChange={setQuery}
          autoComplete="off"
        />
        <SelectInput label={t('dash.invitees.role')} value={userRole} options={roleOptions<UserRole>(['user', 'moderator'])} onChange={setUserRole} />
      </div>
      <p role="status" className="dash-muted">
        {search.status === 'searching' && t('dash.invitees.searching')}
        {search.status === 'done' &&
          (found.length === 0 ? t('dash.invitees.noResults') : t('dash.invitees.results', { count: found.length }))}
      </p>
      {search.status === 'error' && <ErrorAlert title={t('dash.invitees.searchError')} error={search.error} />}
      {found.length > 0 && query.trim().length >= MIN_QUERY && (
        <ul className="dash-search-results">
          {found.map((user) => {
            const invited = rows.some((r) => r.userId === user.id);
            return (
              <li key={user.id} className="dash-search-result">
                <span>
                  {user.display_name} <span className="dash-muted">{user.email}</span>
                </span>
                <Button
                  className="button dash-button--secondary dash-button--small"
                  isDisabled={invited}
                  onPress={() => add(userRow(user, userRole))}
                >
                  <UserPlus aria-hidden="true" size={16} />
                  {invited ? t('dash.invitees.duplicate') : t('dash.invitees.inviteUser', { name: user.display_name })}
                </Button>
              </li>
            );
          })}
        </ul>
      )}

      <div className="dash-inline-fields">
        <TextInput
          type="email"
          inputMode="email"
          label={t('dash.invitees.email')}
          value={email}
          onChange={(value) => {
            setEmail(value);
            setEmailError(null);
          }}
          error={emailError}
          autoComplete="off"
        />
        <SelectInput
          label={t('dash.invitees.role')}
          value={emailRole}
          options={roleOptions<GuestRole>(['guest', 'moderator'])}
          onChange={setEmailRole}
        />
        <Button className="button dash-button--secondary" onPress={addEmail}>
          {t('dash.invitees.addEmail')}
        </Button>
      </div>

      <h2 className="dash-field-heading">{t('dash.invitees.list')}</h2>
      {rows.length === 0 ? (
        <p className="dash-muted">{t('dash.invitees.none')}</p>
      ) : (
        <ul className="dash-invitee-list">
          {rows.map((row) => (
            <li key={row.key} className="dash-invitee">
              <span>
                {label(row)}{' '}
                <span className="dash-muted">
                  · {t(`dash.invitees.role.${row.role}`)} ·{' '}
                  {row.status === null ? t('dash.invitees.new') : t(`dash.invitees.status.${row.status}`)}
                </span>
              </span>
              <Button
                className="button dash-button--icon"
                aria-label={t('dash.invitees.remove', { name: label(row) })}
                onPress={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                <Trash2 aria-hidden="true" size={16} />
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
