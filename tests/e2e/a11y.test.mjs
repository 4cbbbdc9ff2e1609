// Issue 6, test 6: axe-core finds no serious or critical violations on the sign-in page, the
// dashboard (with the meet-now dialog), the lobby and the meeting room (with the chat and people
// panels), in light and dark; and joining a meeting works with the keyboard alone (Tab, Enter,
// Space and typing; every stop shows a visible focus indicator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, OWNER } from './lib/fixture.mjs';
import { describeViolations, seriousViolations } from './lib/a11y.mjs';
import {
  joinFromLobby, meetNow, openPanel, signIn, tabTo, toolbarButton, waitForPreview, waitForRemoteVideos, waitForRoom,
} from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

async function noSerious(page, where) {
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `${where}: axe found serious/critical violations:\n${describeViolations(found)}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: sign-in, dashboard, lobby and room have no serious violations (${colorScheme})`, async (t) => {
    const fx = await setUp(t);
    fx.server.addUser({ ...OWNER });
    const ada = await fx.person('Ada', { colorScheme });
    await ada.page.goto(fx.server.origin + '/signin');
    await ada.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await noSerious(ada.page, 'sign-in');
    await signIn(ada.page, fx.server.origin, OWNER);
    await ada.page.getByRole('button', { name: 'Meet now' }).waitFor();
    await noSerious(ada.page, 'dashboard');
    const meeting = await meetNow(ada.page);
    await noSerious(ada.page, 'dashboard, meet-now dialog');
    await ada.page.goto(meeting.roomUrl);
    await waitForPreview(ada.page);
    await noSerious(ada.page, 'lobby');
    await joinFromLobby(ada.page);
    const grace = await fx.guest('Grace Hopper', meeting.guestLink, { options: { colorScheme } });
    await waitForRemoteVideos(ada.page, 1);
    await noSerious(ada.page, 'room');
    await openPanel(ada.page, 'Chat');
    await noSerious(ada.page, 'room with the chat');
    await openPanel(ada.page, 'People');
    await noSerious(ada.page, 'room with the people panel (moderator)');
    await noSerious(grace.page, 'room as a guest');
  });
}

test('keyboard only: sign in, meet now, join through the lobby, use the toolbar', async (t) => {
  const fx = await setUp(t);
  fx.server.addUser({ ...OWNER });
  const ada = await fx.person('Ada');
  const { page } = ada;
  const key = (k) => page.keyboard.press(k);
  await page.goto(fx.server.origin + '/signin');
  await tabTo(page, page.getByLabel('E-mail address'));
  await page.keyboard.type(OWNER.email);
  await tabTo(page, page.getByLabel('Password', { exact: true }));
  await page.keyboard.type(OWNER.password);
  await key('Enter');
  await page.waitForURL((u) => new URL(u).pathname === '/');

  await tabTo(page, page.getByRole('button', { name: 'Meet now' }));
  await key('Enter');
  const dialog = page.getByRole('dialog', { name: 'Your meeting is ready' });
  await dialog.getByRole('textbox', { name: 'Guest link' }).waitFor({ timeout: 30_000 });
  const guestLink = await dialog.getByRole('textbox', { name: 'Guest link' }).inputValue();
  await tabTo(page, dialog.getByRole('button', { name: 'Join now' }));
  await key('Enter');

  await waitForPreview(page);
  await tabTo(page, page.getByRole('button', { name: 'Join meeting' }));
  await key('Enter');
  await waitForRoom(page);

  // A guest joins with the keyboard too: name, then the join button (Space).
  const grace = await fx.person('Grace Hopper');
  await grace.page.goto(guestLink);
  await waitForPreview(grace.page);
  await tabTo(grace.page, grace.page.getByLabel('Your name'));
  await grace.page.keyboard.type('Grace Hopper');
  await tabTo(grace.page, grace.page.getByRole('button', { name: 'Join meeting' }));
  await grace.page.keyboard.press('Space');
  await waitForRoom(grace.page);
  await waitForRemoteVideos(page, 1);

  // The toolbar: microphone off with Space, chat open with Enter, a message typed and sent.
  const mic = toolbarButton(page, 'Microphone');
  await tabTo(page, mic);
  await key('Space');
  await poll(async () => (await mic.getAttribute('aria-pressed')) === 'false', { message: 'microphone off by keyboard' });
  // The toolbar is one Tab stop (ARIA toolbar pattern): the arrow keys move to Chat.
  const chat = toolbarButton(page, 'Chat');
  for (let i = 0; i < 15 && !(await chat.evaluate((el) => el === document.activeElement)); i++) await key('ArrowRight');
  assert.ok(await chat.evaluate((el) => el === document.activeElement), 'arrow keys reach the Chat button');
  await key('Enter');
  const composer = page.getByRole('textbox', { name: 'Message to Everyone' });
  await tabTo(page, composer);
  await page.keyboard.type('Typed without a mouse');
  await key('Enter');
  await grace.page.getByRole('button', { name: 'Chat', exact: true }).waitFor();
  await poll(async () => (await grace.page.getByText('Typed without a mouse').count()) > 0
    || /1 unread/.test(await grace.page.getByRole('toolbar', { name: 'Meeting controls' }).innerText()),
  { message: 'Grace got the message' });
});
