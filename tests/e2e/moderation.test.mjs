// Issue 6, test 3: the waiting room (a guest waits, the moderator admits) and a moderator removing
// a guest from the meeting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { description, openPanel, toolbarButton, waitForRemoteVideos, waitForRoom } from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

test('a guest waits until the moderator admits; the moderator removes a guest', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();

  // Ada turns the waiting room on for guests (People panel, Moderation).
  const panel = await openPanel(ada.page, 'People');
  await panel.getByRole('button', { name: /Waiting room$/ }).click();
  await ada.page.getByRole('option', { name: 'For guests', exact: true }).click();
  await poll(async () => /For guests/.test(await panel.getByRole('button', { name: /Waiting room$/ }).innerText()),
    { message: 'waiting room mode "For guests" shown' });

  // Grace joins through the lobby and is told to wait.
  const grace = await fx.guest('Grace Hopper', meeting.guestLink, { waitRoom: false });
  await grace.page.getByRole('heading', { name: 'Please wait, you will be admitted shortly' }).waitFor({ timeout: 30_000 });
  assert.equal(await grace.page.getByRole('toolbar', { name: 'Meeting controls' }).count(), 0, 'Grace is not in the room yet');

  // Ada sees her waiting (badge on People, the waiting list) and admits her.
  await poll(async () => (await description(toolbarButton(ada.page, 'People'))) === 'Waiting room (1)',
    { message: 'People button: 1 waiting' });
  await panel.getByRole('heading', { name: 'Waiting room (1)' }).waitFor();
  await panel.getByRole('button', { name: 'Admit Grace Hopper' }).click();
  await waitForRoom(grace.page);
  await grace.page.getByRole('region', { name: 'Notifications' }).getByText('You were admitted to the meeting.').waitFor();
  await panel.getByRole('heading', { name: 'Waiting room (0)' }).or(panel.getByText('Nobody is waiting.')).first().waitFor();
  await waitForRemoteVideos(grace.page, 1);
  await waitForRemoteVideos(ada.page, 1);

  // Ada removes Grace: person menu → "Remove from meeting…" → confirm.
  const graceItem = panel.getByRole('listitem').filter({ hasText: 'Grace Hopper' });
  await graceItem.getByRole('button', { name: 'Actions for Grace Hopper' }).click();
  await ada.page.getByRole('menuitem', { name: 'Remove from meeting…' }).click();
  const confirm = ada.page.getByRole('alertdialog', { name: 'Remove Grace Hopper?' });
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();

  await grace.page.getByRole('heading', { name: 'The meeting has ended for you' }).waitFor({ timeout: 30_000 });
  await grace.page.getByText('A moderator removed you from the meeting.').waitFor();
  await poll(async () => (await graceItem.count()) === 0, { message: 'Grace gone from Ada\'s list' });
  await poll(async () => (await ada.page.getByRole('group', { name: 'Grace Hopper', exact: true }).count()) === 0,
    { message: 'Grace\'s tile gone from Ada\'s stage' });
});
