// The web app's flows as a person does them (roles and accessible names, English UI unless a
// function says otherwise): sign in, meet now, join through the lobby, switch the layout, and
// waiting for remote media. Names come from web/src/i18n/messages/*.ts and the features' READMEs.
import assert from 'node:assert/strict';
import { ms, poll } from './poll.mjs';
import { audioElements, inboundStats, videoElements } from './media.mjs';

export const PASSWORD = 'correct horse battery staple';

/** Signs in on /signin with the built-in account form and waits for the dashboard. */
export async function signIn(page, origin, { email, password }) {
  await page.goto(origin + '/signin');
  await page.getByLabel(/^(e-mail address|e-mail-adresse)$/i).fill(email);
  await page.getByLabel(/^(password|passwort)$/i).fill(password);
  await page.getByRole('button', { name: /^(sign in|anmelden)$/i }).click();
  await page.waitForURL((u) => new URL(u).pathname === '/', { timeout: ms(30_000) });
}

/** On the dashboard: "Meet now", wait for the meeting, copy the guest link with its copy button
 *  (read back from the clipboard) and the meeting link. Leaves the dialog open; returns
 *  {roomUrl, guestLink, inviteCode, roomId, dialog}. */
export async function meetNow(page) {
  await page.getByRole('button', { name: /^(meet now|sofort besprechen)$/i }).click();
  const dialog = page.getByRole('dialog', { name: /^(your meeting is ready|ihre besprechung ist bereit)$/i });
  await dialog.waitFor({ timeout: 30_000 });
  const guestField = dialog.getByRole('textbox', { name: /^(guest link|gastlink)$/i });
  await guestField.waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: /^(copy guest link|gastlink kopieren)$/i }).click();
  await dialog.getByRole('status').filter({ hasText: /^(copied|kopiert)$/i }).waitFor({ timeout: 10_000 });
  const guestLink = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(guestLink, await guestField.inputValue(), 'the clipboard holds the guest link shown');
  const roomUrl = await dialog.getByRole('textbox', { name: /^(meeting link|besprechungslink)$/i }).inputValue();
  const inviteCode = new URL(guestLink).pathname.split('/').pop();
  const roomId = new URL(roomUrl).pathname.split('/').pop();
  return { roomUrl, guestLink, inviteCode, roomId, dialog };
}

/** The room view is up (after the lobby): the meeting-controls toolbar is shown. */
export async function waitForRoom(page, { timeout = 60_000 } = {}) {
  await page.getByRole('toolbar', { name: /^(meeting controls|besprechungssteuerung)$/i })
    .waitFor({ state: 'visible', timeout: ms(timeout) });
}

/** In the lobby (/room/{id} or /invite/{code}): wait until the camera preview shows (as a person
 *  would before joining), enter the name when asked, then join. */
export async function joinFromLobby(page, { name = null, password = null, waitRoom = true, waitPreview = true } = {}) {
  const joinButton = page.getByRole('button', { name: /^(join meeting|besprechung beitreten)$/i });
  await joinButton.waitFor({ state: 'visible', timeout: ms(30_000) });
  if (waitPreview) await waitForPreview(page);
  if (name !== null) await page.getByLabel(/^(your name|ihr name)$/i).fill(name);
  if (password !== null) await page.getByLabel(/^(meeting password|besprechungspasswort)$/i).fill(password);
  await joinButton.click({ timeout: ms(30_000) });
  if (waitRoom) await waitForRoom(page);
}

/** The lobby's camera preview shows frames of the fake camera. */
export async function waitForPreview(page, { timeout = 30_000 } = {}) {
  const preview = page.getByLabel(/^(your camera preview|vorschau ihrer kamera)$/i);
  await preview.waitFor({ timeout: ms(timeout) });
  await poll(() => preview.evaluate((v) => v.videoWidth > 0 && !v.paused && v.getVideoPlaybackQuality().totalVideoFrames > 0),
    { timeout, message: 'the camera preview in the lobby' });
}

/** A guest opens a guest link and joins through the lobby. */
export async function joinAsGuest(page, origin, inviteCode, name) {
  await page.goto(`${origin}/invite/${inviteCode}`);
  await joinFromLobby(page, { name });
}

/** Grid or speaker view from the "More options" menu. */
export async function setLayout(page, layout, { timeout = 30_000 } = {}) {
  await page.getByRole('button', { name: /^(more options|weitere optionen)$/i }).click({ timeout });
  const name = layout === 'grid' ? /^(grid view|rasteransicht|kachelansicht)$/i : /^(speaker view|sprecheransicht|rednersicht)$/i;
  await page.getByRole('menuitemradio', { name }).or(page.getByRole('menuitem', { name })).first().click({ timeout });
  await poll(async () => (await layoutOf(page)) === layout, { timeout, message: `layout ${layout}` });
}

/** Waits until `page` shows at least `count` remote videos whose frame counters rise; returns them. */
export async function waitForRemoteVideos(page, count, { timeout = 90_000 } = {}) {
  let previous = new Map();
  return poll(async () => {
    const remote = (await videoElements(page)).filter((v) => !v.local);
    const rising = remote.filter((v) => v.frames > 0 && previous.has(v.trackId) && v.frames > previous.get(v.trackId));
    previous = new Map(remote.map((v) => [v.trackId, v.frames]));
    return rising.length >= count ? rising : null;
  }, { timeout, interval: 1000, message: `${count} remote videos with rising frame counts` });
}

/** Waits until `page` receives audio from at least `count` remote streams: packets rise and the
 *  energy (the fake microphone's tone bursts) is above zero, and as many remote audio tracks are played
 *  by audio/video elements of the page. */
export async function waitForRemoteAudio(page, count, { timeout = 90_000 } = {}) {
  let previous = new Map();
  return poll(async () => {
    const audio = (await inboundStats(page)).filter((s) => s.kind === 'audio');
    const live = audio.filter((s) => s.totalAudioEnergy > 0 && previous.has(s.ssrc) && s.packetsReceived > previous.get(s.ssrc));
    previous = new Map(audio.map((s) => [s.ssrc, s.packetsReceived]));
    const played = (await audioElements(page)).filter((e) => e.remote && e.playing);
    return live.length >= count && played.length >= count ? { live, played } : null;
  }, { timeout, interval: 1000, message: `audio from ${count} remote participants (packets rising, energy > 0, played)` });
}

/** Fails the test when a page reported CSP violations or uncaught exceptions. */
export function assertNoPageErrors(participant, { allow = [] } = {}) {
  const errors = participant.errors.filter((e) => !/^console:/.test(e) && !allow.some((re) => re.test(e)));
  assert.deepEqual(errors, [], `${participant.name}: page exceptions`);
}

// ---------------------------------------------------------------------------------------------
// The meeting room (names from web/src/features/room/README.md; English unless noted).

export function toolbar(page) {
  return page.getByRole('toolbar', { name: /^(meeting controls|besprechungssteuerung)$/i });
}

export function toolbarButton(page, name) {
  return toolbar(page).getByRole('button', { name, exact: true });
}

/** The accessible description of an element (its aria-describedby texts), '' when none. */
export async function description(locator) {
  return locator.evaluate((el) => (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() || '').join(' ').trim());
}

/** Opens a side panel ("Chat" or "People") with its toolbar toggle unless it is open. */
export async function openPanel(page, name) {
  const button = toolbarButton(page, name);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await poll(async () => (await button.getAttribute('aria-pressed')) === 'true', { message: `${name} panel open` });
  return page.getByRole('complementary', { name: /^(side panel|seitenleiste)$/i });
}

/** The chat panel (the toggle is "Chat" in English and German). */
export async function openChat(page) {
  return openPanel(page, 'Chat');
}

/** Sends a chat message in the conversation shown (Enter in the composer). */
export async function sendChat(page, text) {
  const panel = await openChat(page);
  const box = panel.getByRole('textbox', { name: /^(message to|nachricht an) /i });
  await box.fill(text);
  await box.press('Enter');
  await panel.getByRole('log').getByText(text).waitFor({ timeout: 15_000 });
}

/** Starts a private conversation with `name` from the chat panel's "Private message to…" select. */
export async function choosePrivate(page, name) {
  const panel = await openChat(page);
  await panel.getByRole('button', { name: /private message to|private nachricht an/i }).click();
  await page.getByRole('option', { name, exact: true }).click();
  return panel;
}

/** The tiles on the stage as a person sees them: [{name, source, area}] largest first. */
export async function stageTiles(page) {
  const stage = page.getByRole('main', { name: /^(videos)$/i });
  return stage.evaluate((el) => [...el.querySelectorAll('[role="group"][data-participant-id]')]
    .map((t) => {
      const r = t.getBoundingClientRect();
      return { name: t.getAttribute('aria-label'), source: t.getAttribute('data-source'), area: Math.round(r.width * r.height) };
    })
    .filter((t) => t.area > 0)
    .sort((a, b) => b.area - a.area));
}

/** The largest tile on the stage (speaker view's main tile), or null. */
export async function mainTile(page) {
  const tiles = await stageTiles(page);
  if (tiles.length < 2) return tiles[0] ?? null;
  return tiles[0].area > 1.5 * tiles[1].area ? tiles[0] : null; // grid: no single large tile
}

/** Switches the own microphone on or off with the toolbar toggle (aria-pressed = on). */
export async function setMicrophone(page, on) {
  const button = toolbarButton(page, 'Microphone');
  if (((await button.getAttribute('aria-pressed')) === 'true') !== on) await button.click();
  await poll(async () => ((await button.getAttribute('aria-pressed')) === 'true') === on, { message: `microphone ${on ? 'on' : 'off'}` });
}

/** The stage's layout as the room reports it (data-layout on the stage: grid | speaker). */
export async function layoutOf(page) {
  return page.getByRole('main', { name: /^(videos)$/i }).getAttribute('data-layout');
}

// ---------------------------------------------------------------------------------------------
// Keyboard

/** Presses Tab (Shift+Tab with `back`) until `locator` has the focus; fails after `max` presses.
 *  Checks that the focused element shows a visible focus indicator (outline or box shadow). */
export async function tabTo(page, locator, { max = 60, back = false } = {}) {
  await locator.waitFor({ timeout: 30_000 });
  for (let i = 0; i <= max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) {
      const visible = await page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        return outline || (s.boxShadow && s.boxShadow !== 'none');
      });
      assert.ok(visible, `no visible focus indicator on ${await locator.evaluate((el) => el.outerHTML.slice(0, 160))}`);
      return i;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${max} Tab presses did not reach ${locator}; focus is on ${focused}`);
}
