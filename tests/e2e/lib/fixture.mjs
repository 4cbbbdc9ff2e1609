// The shared set-up of the meeting tests: a fresh server, one browser, the owner (a built-in
// account) signed in, and cleanup that keeps what a failing test needs to be understood (server
// log tail, page errors, a screenshot per participant in $PLENUM_E2E_ARTIFACTS when set) and
// fails the test on sanitizer reports, CSP violations or uncaught exceptions in any page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cspViolations, launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
import { PASSWORD, joinFromLobby, meetNow, signIn } from './app.mjs';

export const OWNER = { email: 'ada@example.org', name: 'Ada Lovelace', password: PASSWORD };

/** Starts server + browser; `t.after` stops them. Returns {server, browser, people, owner(), ...}. */
export async function setUp(t, { config = '' } = {}) {
  const server = await startServer({ config });
  const browser = await launchBrowser();
  const people = [];
  const fx = {
    server, browser, people,
    async person(name, options) {
      const p = await browser.participant(name, options);
      people.push(p);
      return p;
    },
    /** The owner signs in through the sign-in page; returns the participant. */
    async owner(options) {
      server.addUser({ ...OWNER, admin: false });
      const ada = await fx.person('Ada', options);
      await signIn(ada.page, server.origin, OWNER);
      return ada;
    },
    /** The owner creates a meeting with "meet now", copies the guest link and joins it through the
     *  lobby. `storage`: localStorage entries (client settings) set on the owner's page first.
     *  Returns {ada, meeting: {roomUrl, guestLink, inviteCode, roomId}}. */
    async ownerMeeting({ storage = {} } = {}) {
      const ada = await fx.owner();
      await ada.page.evaluate((entries) => {
        for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
      }, storage);
      const meeting = await meetNow(ada.page);
      await meeting.dialog.getByRole('button', { name: /^(join now|jetzt teilnehmen)$/i }).click();
      await joinFromLobby(ada.page);
      return { ada, meeting };
    },
    /** A guest opens the guest link in a browser context of their own and joins. */
    async guest(name, guestLink, { waitRoom = true, options } = {}) {
      const g = await fx.person(name, options);
      await g.page.goto(guestLink);
      await joinFromLobby(g.page, { name, waitRoom });
      return g;
    },
  };
  t.after(async () => {
    // Every page, every test: the strict CSP never blocked anything, no uncaught exception.
    const csp = [];
    for (const p of people) {
      for (const v of await cspViolations(p.page).catch(() => [])) csp.push(`${p.name}: ${v}`);
    }
    const exceptions = people.flatMap((p) => p.errors.filter((e) => e.startsWith('exception')).map((e) => `${p.name}: ${e}`));
    const dir = process.env.PLENUM_E2E_ARTIFACTS;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      for (const p of people) {
        await p.page.screenshot({ path: path.join(dir, `${t.name.replace(/\W+/g, '_')}-${p.name}.png`) }).catch(() => {});
      }
    }
    const errors = people.flatMap((p) => p.errors.map((e) => `${p.name}: ${e}`));
    if (errors.length) process.stderr.write(`page errors/console errors:\n  ${errors.slice(0, 40).join('\n  ')}\n`);
    const complaints = server.lines.filter((l) => /\b(error|warn|ERROR|WARN)/.test(l));
    if (complaints.length) process.stderr.write(`server warnings/errors (${complaints.length}):\n  ${complaints.slice(-40).join('\n  ')}\n`);
    if (process.env.PLENUM_E2E_VERBOSE) process.stderr.write(`server log (tail):\n${server.tail(80)}\n`);
    const sanitizer = server.sanitizerLines();
    await browser.close();
    await server.stop();
    assert.deepEqual(sanitizer, [], 'sanitizer reports in the server log');
    assert.deepEqual(csp, [], 'CSP violations');
    assert.deepEqual(exceptions, [], 'uncaught exceptions in the pages');
  });
  return fx;
}
