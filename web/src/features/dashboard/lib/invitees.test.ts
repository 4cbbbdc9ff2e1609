import { describe, expect, it } from 'vitest';
import { addRow, createBody, emailRow, invitee, inviteChanges, rowsFromInvites, userRow } from './invitees';

const ada = { id: 'u-ada', display_name: 'Ada', email: 'ada@example.org' };

describe('invitee rows', () => {
  it('refuses the same person twice (e-mail addresses case-insensitively)', () => {
    const rows = addRow([], emailRow(' Bob@Example.org ', 'guest')) ?? [];
    expect(rows[0]?.email).toBe('bob@example.org');
    expect(addRow(rows, emailRow('bob@example.org', 'moderator'))).toBeNull();
    expect(addRow(rows, userRow(ada, 'user'))).toHaveLength(2);
  });

  it('sends new rows and withdraws removed existing ones', () => {
    const initial = rowsFromInvites([
      { event_id: 'e', user_id: 'u-1', email: null, role: 'user', status: 'accepted', created_at: 'x', user_name: 'Alan Turing', user_email: 'alan@example.org' },
      { event_id: 'e', user_id: null, email: 'c@example.org', role: 'guest', status: 'pending', created_at: 'x', user_name: null, user_email: null },
    ]);
    // Invited users are shown by name and address, as the invitation list returns them.
    expect(initial.map((r) => r.name)).toEqual(['Alan Turing (alan@example.org)', null]);
    const now = [initial[1]!, userRow(ada, 'moderator')];
    const changes = inviteChanges(initial, now);
    expect(changes.add.map(createBody)).toEqual([{ user_id: 'u-ada', role: 'moderator' }]);
    expect(changes.remove.map(invitee)).toEqual([{ user_id: 'u-1' }]);
    expect(createBody(emailRow('d@example.org', 'guest'))).toEqual({ email: 'd@example.org', role: 'guest' });
  });
});
