// Issue 6, test 2: chat to everyone and privately, the unread marker on the chat button and on a
// conversation, and a raised hand shown first in the moderator's people list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { choosePrivate, description, openChat, openPanel, sendChat, toolbarButton } from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

test('chat everyone and private with unread markers; a raised hand comes first for the moderator', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);

  // Everyone: Grace writes; Ada (chat closed) gets the unread count on the chat button.
  await sendChat(grace.page, 'Hello everyone, can you see my slides?');
  const adaChat = toolbarButton(ada.page, 'Chat');
  await poll(async () => (await description(adaChat)) === '1 unread', { message: 'Ada: chat button says 1 unread' });
  const adaPanel = await openChat(ada.page);
  const log = adaPanel.getByRole('log', { name: 'Messages in Everyone' });
  await log.getByText('Hello everyone, can you see my slides?').waitFor();
  await log.getByText('Grace Hopper').first().waitFor();
  // Read: the marker goes away.
  await poll(async () => (await description(adaChat)) === '', { message: 'Ada: unread marker cleared after reading' });
  // Alan got it too.
  await (await openChat(alan.page)).getByRole('log').getByText('Hello everyone, can you see my slides?').waitFor();

  // Private: Alan to Grace. Grace (chat open on Everyone) sees an unread marker on the new
  // private conversation; Ada never sees the message.
  await openChat(grace.page);
  const alanPanel = await choosePrivate(alan.page, 'Grace Hopper');
  await alanPanel.getByRole('textbox', { name: 'Message to Grace Hopper (private)' }).waitFor();
  await sendChat(alan.page, 'Psst, Grace: the second slide has a typo.');
  const gracePanel = await openChat(grace.page);
  const privateChip = gracePanel.getByRole('option', { name: 'Alan Turing (private), 1 unread' });
  await privateChip.waitFor({ timeout: 15_000 });
  await privateChip.click();
  await gracePanel.getByRole('log', { name: 'Messages in Alan Turing (private)' })
    .getByText('Psst, Grace: the second slide has a typo.').waitFor();
  await gracePanel.getByRole('option', { name: 'Alan Turing (private)', exact: true }).waitFor();
  // A message to everyone after the private one reaches Ada, the private one never did.
  await alanPanel.getByRole('option', { name: 'Everyone', exact: true }).click();
  await sendChat(alan.page, 'Thanks, all good.');
  await log.getByText('Thanks, all good.').waitFor();
  assert.equal(await adaPanel.getByText('Psst, Grace').count(), 0, 'Ada does not see the private message');
  assert.equal(await adaPanel.getByRole('option', { name: /private/ }).count(), 0, 'Ada has no private conversation');

  // Raise hand: Alan, then Grace. Ada's people list (default sort: raised hand first) starts with Alan.
  await toolbarButton(alan.page, 'Raise hand').click();
  await poll(async () => (await toolbarButton(alan.page, 'Raise hand').getAttribute('aria-pressed')) === 'true',
    { message: 'Alan: hand button pressed' });
  const people = await openPanel(ada.page, 'People');
  const firstPerson = people.getByRole('listitem').first();
  await poll(async () => /Alan Turing/.test(await firstPerson.innerText()), { message: 'Alan first in Ada\'s list' });
  await firstPerson.getByRole('img', { name: 'Hand raised' }).or(firstPerson.getByLabel('Hand raised')).first().waitFor();
  await toolbarButton(grace.page, 'Raise hand').click();
  const second = people.getByRole('listitem').nth(1);
  await poll(async () => /Grace Hopper/.test(await second.innerText()), { message: 'Grace second (raised later)' });
  assert.match(await firstPerson.innerText(), /Alan Turing/, 'the first raised hand stays first');
  // Alan lowers: Grace comes first.
  await toolbarButton(alan.page, 'Raise hand').click();
  await poll(async () => /Grace Hopper/.test(await firstPerson.innerText()), { message: 'Grace first after Alan lowered' });
});
