// Issue 8: a named (roll-call) legal vote with three participants: the owner (moderator), a
// registered user and a guest. The owner starts it from the people panel; the owner and the user
// get a ballot (Yes/No/Abstain with a confirmation), the guest sees the vote but no ballot; when
// both voted it closes by itself; everyone sees the result; the voters see their receipt and
// download the protocol as a PDF that holds the vote's name and the verification hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeViolations, seriousViolations } from './lib/a11y.mjs';
import { setUp } from './lib/fixture.mjs';
import { PASSWORD, assertNoPageErrors, joinFromLobby, openPanel, signIn } from './lib/app.mjs';

const NAME = 'Budget 2027: second reading';

function card(page) {
  return page.getByRole('region', { name: NAME });
}

test('a named vote: registered participants vote once, the guest has no ballot, the PDF downloads', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const GRACE = { email: 'grace@example.org', name: 'Grace Hopper', password: PASSWORD };
  fx.server.addUser({ ...GRACE, admin: false });
  const grace = await fx.person('Grace');
  await signIn(grace.page, fx.server.origin, GRACE);
  await grace.page.goto(meeting.roomUrl);
  await joinFromLobby(grace.page);
  // The guest uses the app in German with the dark theme.
  const alan = await fx.guest('Alan Turing', meeting.guestLink, { options: { locale: 'de-DE', colorScheme: 'dark' } });
  const shots = process.env.PLENUM_E2E_ARTIFACTS;
  const shot = async (p, name) => {
    if (shots) await p.page.screenshot({ path: path.join(shots, `legal-vote-${name}.png`) });
  };

  // Ada starts the vote from the moderation tools.
  const people = await openPanel(ada.page, 'People');
  await people.getByRole('button', { name: 'Start vote…' }).click();
  const dialog = ada.page.getByRole('dialog', { name: 'Start a vote' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(NAME);
  await dialog.getByRole('textbox', { name: 'Motion text (optional)' }).fill('The council adopts the budget.');
  await shot(ada, 'dialog');
  await dialog.getByRole('button', { name: 'Start vote' }).click();

  for (const p of [ada, grace, alan]) await card(p.page).waitFor({ timeout: 15_000 });
  // The guest sees the vote, but has no ballot.
  await card(alan.page).getByText(/nicht stimmberechtigt/).waitFor();
  assert.equal(await card(alan.page).getByRole('button', { name: 'Ja' }).count(), 0, 'no ballot for the guest');
  await card(alan.page).getByText('0 von 2 haben abgestimmt').waitFor();
  await shot(grace, 'ballot');
  // axe: the ballot (light) and the guest's card (German, dark) have no serious violations.
  for (const p of [grace, alan]) {
    const found = await seriousViolations(p.page);
    assert.equal(found.length, 0, `axe (${p.name}):\n${describeViolations(found)}`);
  }
  await shot(alan, 'guest-de-dark');

  // Grace and Ada vote; each confirms; the vote cannot be changed.
  const vote = async (page, choice) => {
    await card(page).getByRole('button', { name: choice }).click();
    await card(page).getByRole('button', { name: 'Cast vote' }).click();
    await card(page).getByRole('status').getByText(`Your vote “${choice}” has been recorded.`).waitFor({ timeout: 15_000 });
    assert.equal(await card(page).getByRole('button', { name: 'Yes' }).count(), 0, 'no second ballot');
  };
  await vote(grace.page, 'Yes');
  await vote(ada.page, 'No');

  // Auto-close: everyone sees the result (the guest in German).
  for (const p of [ada, grace, alan]) {
    await card(p.page).getByText(/^(Everyone has voted\.|Alle haben abgestimmt\.)$/).waitFor({ timeout: 15_000 });
    await card(p.page).getByText(/^(The result is valid\.|Das Ergebnis ist gültig\.)$/).waitFor();
    const tally = await card(p.page).getByRole('list', { name: /^(Results|Ergebnis)$/ }).innerText();
    assert.match(tally, /(Yes|Ja): 1/);
    assert.match(tally, /(No|Nein): 1/);
  }
  await shot(grace, 'ended');
  await shot(alan, 'ended-de-dark');
  for (const p of [grace, alan]) {
    const found = await seriousViolations(p.page);
    assert.equal(found.length, 0, `axe after the end (${p.name}):\n${describeViolations(found)}`);
  }
  // The voters see their receipt; the guest has none and no download.
  const receipt = await card(grace.page).getByTestId('legal-vote-receipt').innerText();
  assert.match(receipt, /^[0-9a-f]{64}$/);
  assert.equal(await card(alan.page).getByTestId('legal-vote-receipt').count(), 0);
  assert.equal(await card(alan.page).getByRole('button', { name: 'Protokoll herunterladen (PDF)' }).count(), 0);

  // Grace downloads the PDF.
  const [download] = await Promise.all([
    grace.page.waitForEvent('download', { timeout: 30_000 }),
    card(grace.page).getByRole('button', { name: 'Download protocol (PDF)' }).click(),
  ]);
  const file = await download.path();
  const pdf = fs.readFileSync(file);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(text, /Vote protocol/);
  assert.ok(text.includes(NAME), 'the report names the vote');
  assert.ok(text.replace(/\s+/g, '').includes(receipt), "the report lists Grace's entry hash (her receipt)");
  for (const p of [ada, grace, alan]) assertNoPageErrors(p);
});
