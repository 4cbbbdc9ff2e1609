import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../../test/fetchMock';
import { noContent, renderPage, routeFetch, signIn } from '../test/harness';
import { PreparedTemplates } from './PreparedTemplates';

vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => signIn());

const E = '/api/v1/events/e-1';
const LUNCH = {
  id: 'pt-1',
  event_id: 'e-1',
  title: 'Lunch',
  position: 0,
  topic: 'Where do we eat?',
  choices: ['Pizza', 'Pasta'],
  multiple: false,
  live: true,
  duration_seconds: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('PreparedTemplates', () => {
  it('asks to save a new meeting first', () => {
    renderPage(<PreparedTemplates eventId={null} />);
    expect(screen.getByRole('heading', { name: 'Prepared polls and votes' })).toBeInTheDocument();
    expect(screen.getByText(/Save the meeting first/)).toBeInTheDocument();
  });

  it('lists, adds with the dialog checks, edits and deletes prepared polls and votes', async () => {
    const user = userEvent.setup();
    let polls = [LUNCH];
    const calls = routeFetch({
      [`GET ${E}/poll_templates`]: () => jsonResponse(200, { poll_templates: polls, total: polls.length }),
      [`GET ${E}/vote_templates`]: { vote_templates: [], total: 0 },
      [`POST ${E}/vote_templates`]: { id: 'vt-1' },
      [`PATCH ${E}/poll_templates/pt-1`]: () => {
        polls = [{ ...LUNCH, title: 'Dinner' }];
        return jsonResponse(200, polls[0]);
      },
      [`DELETE ${E}/poll_templates/pt-1`]: () => {
        polls = [];
        return noContent();
      },
    });
    renderPage(<PreparedTemplates eventId="e-1" />);
    expect(await screen.findByText('Lunch')).toBeInTheDocument();
    expect(screen.getByText('No prepared votes.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add vote' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Give the vote a name.');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Budget 2027');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Budget 2027',
      subtitle: null,
      topic: null,
      kind: 'roll_call',
      allow_abstain: true,
      live_results: false,
      auto_close: true,
      duration_seconds: null,
    });

    await user.click(screen.getByRole('button', { name: 'Edit Lunch' }));
    const title = screen.getByRole('textbox', { name: 'Name in the list' });
    await user.clear(title);
    await user.type(title, 'Dinner');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Dinner')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ title: 'Dinner', choices: ['Pizza', 'Pasta'] });

    await user.click(screen.getByRole('button', { name: 'Delete Dinner' }));
    expect(await screen.findByText('No prepared polls.')).toBeInTheDocument();
  });
});
