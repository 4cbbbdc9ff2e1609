// Issue 8: a coffee break with three participants. The owner (moderator) starts a coffee break;
// all three see the full-screen overlay with the same time left (server clock); one guest goes
// back to the meeting (her overlay closes, the others keep theirs) and can open it again (and
// close it with Escape); the owner ends the break for everyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { assertNoPageErrors, openPanel } from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

function overlay(page) {
  return page.getByRole('dialog', { name: 'Coffee break' });
}

/** Seconds left on a participant's overlay ("14:58" → 898). */
async function secondsLeft(page) {
  const text = (await overlay(page).getByRole('timer').innerText()).trim();
  const parts = text.split(':').map(Number);
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

test('a coffee break overlay seen by all and closed by one', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);

  const people = await openPanel(ada.page, 'People');
  await people.getByRole('button', { name: 'Coffee break…' }).click();
  const dialog = ada.page.getByRole('dialog', { name: 'Start a coffee break' });
  await dialog.getByRole('radio', { name: 'Coffee break' }).waitFor();
  assert.equal(await dialog.getByRole('radio', { name: 'Coffee break' }).isChecked(), true);
  await dialog.getByRole('button', { name: 'Start' }).click();

  // Everyone sees the overlay, with the same time left (±2 s: the pages tick on their own).
  for (const p of [ada, grace, alan]) await overlay(p.page).waitFor({ timeout: 15_000 });
  const left = await Promise.all([ada, grace, alan].map((p) => secondsLeft(p.page)));
  for (const s of left) assert.ok(s > 14 * 60 + 40 && s <= 15 * 60, `about 15 minutes left: ${left.join(', ')}`);
  assert.ok(Math.max(...left) - Math.min(...left) <= 2, `the same time everywhere: ${left.join(', ')}`);
  // Guests cannot end it.
  assert.equal(await overlay(grace.page).getByRole('button', { name: 'End coffee break' }).count(), 0);

  // Grace goes back to the meeting: her overlay closes, the others keep theirs.
  await overlay(grace.page).getByRole('button', { name: 'Back to the meeting' }).click();
  await poll(async () => (await overlay(grace.page).count()) === 0, { message: 'Grace: overlay closed' });
  const chip = grace.page.getByRole('region', { name: 'Coffee break' });
  await chip.getByRole('timer').waitFor();
  assert.match(await chip.getByRole('timer').innerText(), /1[45]:\d\d left/);
  await ada.page.waitForTimeout(1500);
  assert.equal(await overlay(ada.page).count(), 1, 'Ada still sees the overlay');
  assert.equal(await overlay(alan.page).count(), 1, 'Alan still sees the overlay');
  // She can open it again, and close it with Escape.
  await chip.getByRole('button', { name: 'Show coffee break' }).click();
  await overlay(grace.page).waitFor();
  await grace.page.keyboard.press('Escape');
  await poll(async () => (await overlay(grace.page).count()) === 0, { message: 'Grace: Escape closes the overlay' });

  // Ada ends the break: the overlay goes away for everyone, with a notice.
  await overlay(ada.page).getByRole('button', { name: 'End coffee break' }).click();
  for (const p of [ada, grace, alan]) {
    await poll(async () => (await overlay(p.page).count()) === 0, { message: `${p.name}: overlay gone` });
    await p.page.getByText('The coffee break is over.').first().waitFor({ timeout: 10_000 });
  }
  assert.equal(await grace.page.getByRole('region', { name: 'Coffee break' }).count(), 0, 'no chip after the break');
  for (const p of [ada, grace, alan]) assertNoPageErrors(p);
});
