// Issue 8: the speaker list with three participants in one meeting (one browser start): the owner
// (moderator, English, light), Grace (English, a 360 px phone window) and Alan (German, dark).
// (a) A talking-stick round by join time with a 10 s limit: "Next speaker" gives Grace the word,
//     everyone sees "Time is up" after 10 s, Grace passes the word to Alan, the owner skips him
//     (back to the list, nobody speaks) and ends the round; every page shows the same speaker at
//     each step. (b) A wheel of names: every page's wheel stands on the same name, the one the
//     server drew (`spin.winner` in the frames each page received), and that person has the word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describeViolations, seriousViolations } from './lib/a11y.mjs';
import { controlSignaling } from './lib/browser.mjs';
import { setUp } from './lib/fixture.mjs';
import { assertNoPageErrors, joinFromLobby, meetNow, openPanel } from './lib/app.mjs';
import { poll } from './lib/poll.mjs';

const PHONE = { width: 360, height: 740 };

/** The speaker card (region "Speakers" / "Redeliste"). */
function card(page) {
  return page.getByTestId('speakers-card');
}

/** What a page shows of the round: who has the word (id and text), the time, the lists, the wheel. */
async function view(page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="speakers-card"]');
    if (!c) return { card: false };
    const text = (sel) => c.querySelector(sel)?.textContent?.trim() ?? null;
    const current = c.querySelector('[data-testid="current-speaker"]');
    const wheel = c.querySelector('[data-testid="speaker-wheel"]');
    return {
      card: true,
      queue: c.getAttribute('data-queue-id'),
      current: current?.getAttribute('data-participant-id') ?? null,
      who: text('.speakers__who'),
      time: text('[data-testid="speaker-time"]'),
      timeUp: c.querySelector('[data-testid="speaker-time"]')?.getAttribute('data-time-up') ?? null,
      upcoming: [...c.querySelectorAll('[data-testid="speakers-upcoming"] li')].map((li) => li.getAttribute('data-participant-id')),
      wheelWinner: wheel?.getAttribute('data-winner') ?? null,
      wheelSpin: wheel?.getAttribute('data-spin-id') ?? null,
      wheelText: text('[data-testid="wheel-winner"]'),
    };
  });
}

async function views(people) {
  const out = {};
  for (const p of people) out[p.name] = await view(p.page).catch((e) => ({ error: String(e) }));
  return out;
}

/** Polls until `check(view)` holds on every page; the failure names what each page showed. */
async function onEveryPage(people, what, check, { timeout = 15_000 } = {}) {
  try {
    await poll(async () => (await Promise.all(people.map(async (p) => check(await view(p.page), p)))).every(Boolean), {
      timeout, message: what,
    });
  } catch (e) {
    const frames = Object.fromEntries(people.map((p) => [p.name, (p.frames ?? []).slice(-4)]));
    throw new Error(`${e.message}\nwhat each page shows: ${JSON.stringify(await views(people), null, 1)}` +
      `\nthe last speakers frames each page received: ${JSON.stringify(frames)}`);
  }
}

/** Records the speakers frames the server sends to `p` (call before the page opens the WebSocket). */
async function recorded(p) {
  p.frames = [];
  await controlSignaling(p.page, { onServerFrame: (f) => { if (f.namespace === 'speakers') p.frames.push(f.payload); } });
  return p;
}

test('speaker list: talking stick with time limit, yield, skip; wheel of names lands on the same winner everywhere', async (t) => {
  const fx = await setUp(t);
  const ada = await recorded(await fx.owner());
  const meeting = await meetNow(ada.page);
  await meeting.dialog.getByRole('button', { name: /^join now$/i }).click();
  await joinFromLobby(ada.page);
  const grace = await recorded(await fx.person('Grace', { viewport: PHONE }));
  await grace.page.goto(meeting.guestLink);
  await joinFromLobby(grace.page, { name: 'Grace Hopper' });
  const alan = await recorded(await fx.person('Alan', { locale: 'de-DE', colorScheme: 'dark' }));
  await alan.page.goto(meeting.guestLink);
  await joinFromLobby(alan.page, { name: 'Alan Turing' });
  const everyone = [ada, grace, alan];
  const shots = process.env.PLENUM_E2E_ARTIFACTS;
  const shot = async (p, name) => {
    if (shots) await p.page.screenshot({ path: path.join(shots, `speakers-${name}.png`) });
  };

  // (a) Ada starts a talking-stick round by join time with a 10 s limit per speaker.
  const people = await openPanel(ada.page, 'People');
  await people.getByRole('button', { name: 'Speaker list…' }).click();
  const dialog = ada.page.getByRole('dialog', { name: 'Start a speaker list' });
  await dialog.getByRole('radio', { name: 'Talking stick: in list order' }).locator('xpath=ancestor::label').click();
  await dialog.getByRole('radio', { name: 'By join time' }).locator('xpath=ancestor::label').click();
  await dialog.getByRole('button', { name: /Time limit per speaker/ }).click();
  await ada.page.getByRole('option', { name: '10 seconds' }).click();
  await shot(ada, 'dialog');
  await dialog.getByRole('button', { name: 'Start speaker list' }).click();

  await onEveryPage(everyone, 'the round on every page, nobody speaking, Grace then Alan upcoming', (v) =>
    v.card && v.current === '' && v.upcoming.length === 2);
  const [graceId, alanId] = (await view(ada.page)).upcoming;
  const queueId = (await view(ada.page)).queue;
  assert.ok(graceId && alanId && queueId);
  // By join time: Grace joined before Alan (names from the list on Ada's page).
  const upcomingNames = await card(ada.page).getByTestId('speakers-upcoming').getByRole('listitem').allInnerTexts();
  assert.deepEqual(upcomingNames.map((s) => s.trim()), ['Grace Hopper', 'Alan Turing']);
  assert.equal(await card(grace.page).getByRole('button', { name: 'Next speaker' }).count(), 0, 'only moderators steer the round');

  await card(ada.page).getByRole('button', { name: 'Next speaker' }).click();
  await onEveryPage(everyone, 'Grace has the word on every page', (v) => v.current === graceId);
  await card(grace.page).getByText('You have the word').waitFor();
  await card(ada.page).getByText('Grace Hopper has the word').waitFor();
  await card(alan.page).getByText('Grace Hopper hat das Wort').waitFor();
  await shot(grace, 'speaker-phone');

  // The 10 s limit runs out: every page shows "Time is up" (the server's time_up), Grace keeps the word.
  await onEveryPage(everyone, 'the time-up signal on every page', (v) => v.timeUp === 'true' && v.current === graceId, { timeout: 20_000 });
  assert.ok(ada.frames.some((f) => f.message === 'time_up' && f.participant_id === graceId), 'the server sent time_up for Grace');
  await card(ada.page).getByText('Time is up', { exact: true }).waitFor();
  await card(alan.page).getByText('Die Zeit ist um', { exact: true }).waitFor();
  await poll(async () => (await grace.page.getByTestId('speakers-announcer').textContent()) === 'Time is up for Grace Hopper.',
    { message: 'the screen-reader announcement of the time-up' });
  await shot(alan, 'time-up-de-dark');
  // axe: the moderator's card (light) and the German guest's (dark) with the red "time is up".
  for (const p of [ada, alan]) {
    const found = await seriousViolations(p.page);
    assert.equal(found.length, 0, `axe (${p.name}):\n${describeViolations(found)}`);
  }

  // Grace passes the word; Alan has it.
  await card(grace.page).getByRole('button', { name: 'Pass the word' }).click();
  await onEveryPage(everyone, 'Alan has the word on every page', (v) => v.current === alanId && v.timeUp !== 'true');
  await card(alan.page).getByText('Sie haben das Wort').waitFor();
  assert.equal(await card(grace.page).getByRole('button', { name: 'Pass the word' }).count(), 0);

  // Ada skips Alan: his turn does not count, he is back on the list and nobody has the word.
  await card(ada.page).getByRole('button', { name: 'Skip' }).click();
  await onEveryPage(everyone, 'after the skip: nobody speaks, Alan upcoming again', (v) =>
    v.current === '' && v.upcoming.length === 1 && v.upcoming[0] === alanId);

  await card(ada.page).getByRole('button', { name: 'End speaker list' }).click();
  await onEveryPage(everyone, 'the round ended on every page', (v) => !v.card);

  // (b) A wheel of names over the same two.
  await openPanel(ada.page, 'People');
  await ada.page.getByRole('button', { name: 'Speaker list…' }).click();
  await dialog.getByRole('radio', { name: 'Wheel of names' }).locator('xpath=ancestor::label').click();
  await dialog.getByRole('button', { name: 'Start speaker list' }).click();
  await onEveryPage(everyone, 'the wheel round on every page', (v) => v.card && v.upcoming.length === 2 && v.queue !== queueId);
  await card(ada.page).getByRole('button', { name: 'Spin the wheel' }).click();
  await onEveryPage(everyone, 'the wheel turning on every page', (v) => v.wheelSpin !== null && v.wheelWinner === null, { timeout: 5_000 });
  await shot(ada, 'wheel-turning');

  // After stops_at (6 s by default) every wheel stands on a name, the same everywhere.
  await onEveryPage(everyone, 'every wheel standing on a winner who has the word', (v) =>
    v.wheelWinner !== null && v.current === v.wheelWinner, { timeout: 20_000 });
  const shown = await views(everyone);
  const winners = new Set(Object.values(shown).map((v) => v.wheelWinner));
  assert.equal(winners.size, 1, `the same winner everywhere: ${JSON.stringify(shown)}`);
  const [winner] = winners;
  assert.ok([graceId, alanId].includes(winner));
  // The winner the server drew, as each page received it.
  for (const p of everyone) {
    const spins = p.frames.filter((f) => f.message === 'updated' && f.queue.spin).map((f) => f.queue.spin);
    assert.ok(spins.length > 0, `${p.name} received the spin`);
    assert.equal(spins.at(-1).winner, winner, `${p.name}: the wheel shows the server's winner`);
    assert.equal(shown[p.name].wheelSpin, spins.at(-1).id);
  }
  const winnerName = winner === graceId ? 'Grace Hopper' : 'Alan Turing';
  assert.equal(shown.Ada.wheelText, `${winnerName} was chosen`);
  assert.equal(shown.Alan.wheelText, `${winnerName} ist dran`);
  await shot(ada, 'wheel-stopped');
  await shot(grace, 'wheel-phone');
  await shot(alan, 'wheel-de-dark');
  if (shots) {
    // High contrast, for the record.
    await ada.page.evaluate(() => { document.documentElement.dataset.theme = 'high-contrast'; });
    await shot(ada, 'wheel-high-contrast');
  }

  await card(ada.page).getByRole('button', { name: 'End speaker list' }).click();
  await onEveryPage(everyone, 'the wheel round ended on every page', (v) => !v.card);
  for (const p of everyone) assertNoPageErrors(p);
});
