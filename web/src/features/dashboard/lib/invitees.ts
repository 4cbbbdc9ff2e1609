/** The editor's list of invitees: existing invitations and new ones, and what to send on save. */
import type { EventInvite, EventInviteCreate, InviteRole, Invitee } from '../../../api/events';

export interface InviteeRow {
  /** "user:{id}" or "email:{address}": one invitation per person and meeting. */
  readonly key: string;
  readonly userId: string | null;
  readonly email: string | null;
  /** How a registered user is shown: "Name (address)" (from search, or as the invitation lists them). */
  readonly name: string | null;
  readonly role: InviteRole;
  /** The answer so far; null for a row not sent yet. */
  readonly status: EventInvite['status'] | null;
}

export function userRow(user: { id: string; display_name: string; email: string }, role: InviteRole): InviteeRow {
  return { key: `user:${user.id}`, userId: user.id, email: null, name: `${user.display_name} (${user.email})`, role, status: null };
}

export function emailRow(address: string, role: InviteRole): InviteeRow {
  const email = address.trim().toLowerCase();
  return { key: `email:${email}`, userId: null, email, name: null, role, status: null };
}

export function rowsFromInvites(invites: readonly EventInvite[]): InviteeRow[] {
  return invites.map((i) => ({
    key: i.user_id !== null ? `user:${i.user_id}` : `email:${i.email ?? ''}`,
    userId: i.user_id,
    email: i.email,
    name: i.user_name !== null ? `${i.user_name} (${i.user_email ?? ''})` : null,
    role: i.role,
    status: i.status,
  }));
}

/** Adds a row unless the person is listed already; returns null then. */
export function addRow(rows: readonly InviteeRow[], row: InviteeRow): InviteeRow[] | null {
  return rows.some((r) => r.key === row.key) ? null : [...rows, row];
}

export interface InviteChanges {
  readonly add: readonly InviteeRow[];
  readonly remove: readonly InviteeRow[];
}

/** What to send: new rows are invited, existing rows that were removed are withdrawn. */
export function inviteChanges(initial: readonly InviteeRow[], now: readonly InviteeRow[]): InviteChanges {
  const kept = new Set(now.map((r) => r.key));
  return {
    add: now.filter((r) => r.status === null),
    remove: initial.filter((r) => !kept.has(r.key)),
  };
}

export function createBody(row: InviteeRow): EventInviteCreate {
  return row.userId !== null ? { user_id: row.userId, role: row.role } : { email: row.email ?? '', role: row.role };
}

export function invitee(row: InviteeRow): Invitee {
  return row.userId !== null ? { user_id: row.userId } : { email: row.email ?? '' };
}
