// Issue 6, test 1: the owner signs in, creates a meeting with "meet now", copies the guest link;
// two guests join through the lobby; every participant sees two remote videos playing (frame
// counters rising) and receives audio from both others (packets rising, energy of the fake
// microphone's tone bursts above zero, played by the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { waitForRemoteAudio, waitForRemoteVideos } from './lib/app.mjs';
import { cspViolations } from './lib/browser.mjs';
import { collectReceived, writeReport } from './lib/report.mjs';

test('owner meets two guests: everyone sees two remote videos and hears both others', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  assert.match(meeting.guestLink, /^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{16,}$/);
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);
  const everyone = [ada, grace, alan];

  for (const p of everyone) {
    const videos = await waitForRemoteVideos(p.page, 2);
    assert.ok(videos.every((v) => v.width > 0 && v.height > 0), `${p.name}: remote videos have a size`);
  }
  for (const p of everyone) await waitForRemoteAudio(p.page, 2);
  // The tiles carry the others' names.
  const names = { Ada: ['Grace Hopper', 'Alan Turing'], 'Grace Hopper': ['Ada Lovelace', 'Alan Turing'],
    'Alan Turing': ['Ada Lovelace', 'Grace Hopper'] };
  for (const p of everyone) {
    for (const other of names[p.name]) {
      await p.page.getByRole('main').getByText(other, { exact: false }).first().waitFor({ timeout: 30_000 });
    }
  }
  const received = await collectReceived(everyone);
  writeReport('meeting', { received });
  for (const p of everyone) {
    assert.deepEqual(await cspViolations(p.page), [], `${p.name}: CSP violations`);
    assert.deepEqual(p.errors.filter((e) => e.startsWith('exception')), [], `${p.name}: page exceptions`);
  }
});
