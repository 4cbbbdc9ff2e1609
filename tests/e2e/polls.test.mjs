// Issue 8: a poll with three participants. The owner (moderator) starts a live single-choice poll
// from the people panel; both guests see the poll card and vote (one changes her mind: the last
// vote counts); everyone sees the same live results; the owner stops it and everyone sees the
// final results with counts and percentages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { assertNoPageErrors, openPanel } from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

const TOPIC = 'Which day for the next session?';

function card(page) {
  return page.getByRole('region', { name: TOPIC });
}

async function resultsText(page) {
  const items = card(page).getByRole('list', { name: 'Results' }).getByRole('listitem');
  return (await items.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
}

test('a live poll: everyone votes, guests too, the last vote counts, all see the same results', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);

  // Ada starts the poll from the moderation tools.
  const people = await openPanel(ada.page, 'People');
  await people.getByRole('button', { name: 'Start poll…' }).click();
  const dialog = ada.page.getByRole('dialog', { name: 'Start a poll' });
  await dialog.getByRole('textbox', { name: 'Question' }).fill(TOPIC);
  await dialog.getByRole('textbox', { name: 'Choice 1' }).fill('Monday');
  await dialog.getByRole('textbox', { name: 'Choice 2' }).fill('Tuesday');
  await dialog.getByRole('button', { name: 'Add choice' }).click();
  await dialog.getByRole('textbox', { name: 'Choice 3' }).fill('Friday');
  await dialog.getByRole('button', { name: 'Start poll' }).click();

  // Everyone sees the card.
  for (const p of [ada, grace, alan]) await card(p.page).waitFor({ timeout: 15_000 });

  // Grace votes Monday, then changes to Friday; Alan votes Friday; Ada votes Tuesday.
  const vote = async (page, choice, button = 'Vote') => {
    // react-aria's radio input is visually hidden: a person clicks its label.
    await card(page).getByRole('radio', { name: choice }).locator('xpath=ancestor::label').click();
    await card(page).getByRole('button', { name: button }).click();
    await card(page).getByRole('status').getByText('Your vote has been counted.').waitFor({ timeout: 15_000 });
  };
  await vote(grace.page, 'Monday');
  await vote(grace.page, 'Friday', 'Change vote');
  await vote(alan.page, 'Friday');
  await vote(ada.page, 'Tuesday');

  // Live results (throttled to once a second) reach all three, the same for everyone.
  const expected = ['Monday: 0 (0 %)', 'Tuesday: 1 (33 %)', 'Friday: 2 (67 %)'];
  for (const p of [ada, grace, alan]) {
    await poll(async () => {
      const texts = await resultsText(p.page);
      return texts.length === 3 && expected.every((e, i) => texts[i].startsWith(e));
    }, { message: `${p.name ?? 'participant'} sees the live results`, timeout: 15_000 });
    await card(p.page).getByText('3 voted').waitFor();
  }
  // Only the moderator can stop it.
  assert.equal(await card(grace.page).getByRole('button', { name: 'Stop poll' }).count(), 0);

  await card(ada.page).getByRole('button', { name: 'Stop poll' }).click();
  for (const p of [ada, grace, alan]) {
    await card(p.page).getByText('Poll ended').waitFor({ timeout: 15_000 });
    const texts = await resultsText(p.page);
    assert.ok(expected.every((e, i) => texts[i].startsWith(e)), `final results: ${texts.join(' | ')}`);
    assert.equal(await card(p.page).getByRole('button', { name: 'Vote' }).count(), 0, 'no voting after the end');
  }
  // The own choice is marked for the voter only.
  assert.match((await resultsText(grace.page))[2], /your choice/);
  assert.doesNotMatch((await resultsText(alan.page))[1], /your choice/);
  for (const p of [ada, grace, alan]) assertNoPageErrors(p);
});
