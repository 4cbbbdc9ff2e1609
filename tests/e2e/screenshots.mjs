#!/usr/bin/env node
// Screenshots of every page of the web app as a person sees them at 1280x800, in light and dark,
// English and German: sign-in, dashboard, planner, settings, lobby, and the meeting room with three
// participants and the chat open, then with one guest's video paused for a slow downlink
// (`room-paused`: a receive_quality event the script delivers to the page, the server's own held
// back). Files <page>-<lang>-<theme>.png in the given directory (plus the
// lobby and the room at 360x740: <page>-phone-en-light.png). Each
// page's visible text is also checked for raw message keys and (German) untranslated English.
//
//   make screenshots                               (docs/screenshots/, release build)
//   node tests/e2e/screenshots.mjs [DIR]           (binary from PLENUM_TEST_BINARY or build/)
//   import { takeScreenshots } from './screenshots.mjs'   (screenshots.test.mjs, a temp directory)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWPORT, controlSignaling, launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { loadMessages, textProblems } from './lib/i18n.mjs';
import {
  PASSWORD, joinFromLobby, meetNow, openChat, sendChat, signIn, waitForPreview, waitForRemoteVideos,
} from './lib/app.mjs';

export const COMBOS = [
  { lang: 'en', locale: 'en-US', theme: 'light' },
  { lang: 'en', locale: 'en-US', theme: 'dark' },
  { lang: 'de', locale: 'de-DE', theme: 'light' },
  { lang: 'de', locale: 'de-DE', theme: 'dark' },
];

const log = (s) => process.stderr.write(`[screenshots] ${s}\n`);
const GUESTS = ['Grace Hopper', 'Alan Turing'];
const OWNER = { email: 'ada@example.org', name: 'Ada Lovelace', password: PASSWORD };

// The language and theme a person chose: stored in the browser (the app reads these keys first),
// and in the owner's profile (PATCH /users/me), which the signed-in app may apply.
async function choose(context, { lang, theme }) {
  await context.addInitScript(([l, t]) => {
    try {
      if (!window.sessionStorage.getItem('e2e-chosen')) {
        window.localStorage.setItem('plenum.language', l);
        window.localStorage.setItem('plenum.theme', t);
        window.sessionStorage.setItem('e2e-chosen', '1');
      }
    } catch { /* storage blocked */ }
  }, [lang, theme]);
}

// A phone-sized window (360 px wide) for the lobby and the room, English and light only.
export const PHONE = { width: 360, height: 740 };

/** Takes every screenshot into `dir` (with `phone`, also the lobby and the room at 360x740 as
 *  lobby-phone-en-light.png and room-phone-en-light.png); returns {files, problems}. */
export async function takeScreenshots(dir, { combos = COMBOS, phone = false } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const messages = loadMessages();
  const server = await startServer();
  const browser = await launchBrowser();
  const files = [];
  const problems = [];
  const shoot = async (page, name, combo) => {
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.mouse.move(0, (page.viewportSize() || VIEWPORT).height - 1); // no hover effects in the shot
    const file = path.join(dir, `${name}-${combo.lang}-${combo.theme}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    files.push(file);
    const text = await page.evaluate(() => document.body.innerText);
    const lang0 = combo.lang.replace(/^phone-/, '');
    for (const p of textProblems(text, lang0, messages)) problems.push(`${path.basename(file)}: ${p}`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== lang0) problems.push(`${path.basename(file)}: <html lang="${lang}">, expected ${lang0}`);
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    if (theme !== combo.theme) problems.push(`${path.basename(file)}: data-theme="${theme}", expected ${combo.theme}`);
  };
  try {
    for (const combo of combos) {
      log(`${combo.lang} ${combo.theme}`);
      // An owner of their own per combination, so the dashboard lists only this one's meeting.
      const owner = { ...OWNER, email: `ada-${combo.lang}-${combo.theme}@example.org` };
      server.addUser(owner);
      const token = await server.login(owner.email, owner.password);
      await server.api('PATCH', '/api/v1/users/me', { token, body: { language: combo.lang, theme: combo.theme } });
      const people = [];
      const person = async (name) => {
        const p = await browser.participant(name, { locale: combo.locale, colorScheme: combo.theme });
        await choose(p.context, combo);
        people.push(p);
        return p;
      };
      try {
        const ada = await person('Ada');
        const { page } = ada;
        const signaling = await controlSignaling(page, { hold: ['receive_quality'] });
        await page.goto(server.origin + '/signin');
        await page.getByRole('button', { name: /^(sign in|anmelden)$/i }).waitFor();
        await shoot(page, 'signin', combo);
        await signIn(page, server.origin, owner);
        await page.getByRole('button', { name: /^(meet now|sofort besprechen)$/i }).waitFor();
        await page.getByRole('main').getByRole('heading').first().waitFor();
        await shoot(page, 'dashboard', combo);
        await page.goto(server.origin + '/meetings/new');
        await page.getByRole('main').getByRole('textbox').first().waitFor();
        await shoot(page, 'planner', combo);
        await page.goto(server.origin + '/settings');
        await page.getByRole('main').getByRole('heading').first().waitFor();
        await shoot(page, 'settings', combo);

        await page.goto(server.origin + '/');
        const meeting = await meetNow(page);
        await page.goto(meeting.roomUrl);
        await waitForPreview(page);
        await shoot(page, 'lobby', combo);
        await joinFromLobby(page);
        const guests = [];
        for (const name of GUESTS) {
          const g = await person(name);
          await g.page.goto(meeting.guestLink);
          await joinFromLobby(g.page, { name });
          guests.push(g);
        }
        await waitForRemoteVideos(page, 2);
        await sendChat(guests[0].page, combo.lang === 'de' ? 'Guten Morgen! Können alle mich hören?' : 'Good morning! Can everyone hear me?');
        await sendChat(page, combo.lang === 'de' ? 'Ja, laut und deutlich.' : 'Yes, loud and clear.');
        await openChat(page);
        await shoot(page, 'room', combo);
        // Grace's video paused because Ada's downlink is too slow for it: placeholder and header warning.
        const grace = await page.locator(`[role="group"][data-source="camera"][aria-label="${GUESTS[0]}"]`)
          .getAttribute('data-participant-id');
        const offer = ada.events.filter((e) => e.message === 'subscribe_offer').at(-1);
        const track = offer?.tracks.find((x) => x.participant_id === grace && x.source === 'camera');
        if (!track) throw new Error(`no subscribed camera of ${GUESTS[0]} in Ada's last subscribe offer`);
        signaling.inject('media', { message: 'receive_quality', paused_mids: [track.mid], estimate_kbps: 310 });
        await page.getByTestId('video-paused').waitFor();
        await shoot(page, 'room-paused', combo);
      } finally {
        for (const p of people) await p.context.close().catch(() => {});
      }
    }
    if (phone) await phoneShots(server, browser, dir, shoot);
  } finally {
    await browser.close();
    await server.stop();
  }
  return { files, problems };
}

// The lobby and the room (two others present, chat closed) in a 360x740 window.
async function phoneShots(server, browser, dir, shoot) {
  const combo = { lang: 'phone-en', locale: 'en-US', theme: 'light' };
  const owner = { ...OWNER, email: 'ada-phone@example.org' };
  server.addUser(owner);
  const people = [];
  try {
    const ada = await browser.participant('Ada phone', { viewport: PHONE });
    people.push(ada);
    await choose(ada.context, { lang: 'en', theme: 'light' });
    await signIn(ada.page, server.origin, owner);
    const meeting = await meetNow(ada.page);
    await ada.page.goto(meeting.roomUrl);
    await waitForPreview(ada.page);
    await shoot(ada.page, 'lobby', combo);
    await joinFromLobby(ada.page);
    for (const name of GUESTS) {
      const g = await browser.participant(name);
      people.push(g);
      await g.page.goto(meeting.guestLink);
      await joinFromLobby(g.page, { name });
    }
    await waitForRemoteVideos(ada.page, 1);
    await shoot(ada.page, 'room', combo);
  } finally {
    for (const p of people) await p.context.close().catch(() => {});
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = process.argv[2] || path.join(here, '..', '..', 'docs', 'screenshots');
  takeScreenshots(dir, { phone: true }).then(({ files, problems }) => {
    for (const f of files) console.log(f);
    if (problems.length) console.log(`text problems:\n  ${problems.join('\n  ')}`);
  }, (e) => {
    console.error(e);
    process.exit(1);
  });
}
