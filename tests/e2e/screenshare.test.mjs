// Issue 6, test 4: a screen share appears for the others (decoded, in a tile named "Screen of …",
// switching them to speaker view), and speaker view follows the active speaker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { layoutOf, mainTile, setLayout, setMicrophone, toolbarButton, waitForRemoteVideos } from './lib/app.mjs';
import { videoElements } from './lib/media.mjs';
import { poll } from './lib/poll.mjs';
import { collectReceived, writeReport } from './lib/report.mjs';

// On failure: which active speakers the server announced to the page, for the diagnosis.
const withSpeakers = (p) => (e) => {
  const announced = p.events.filter((x) => x.message === 'active_speaker').map((x) => x.participant_id ?? 'nobody');
  throw new Error(`${e.message}; active_speaker events seen by ${p.name}: ${JSON.stringify(announced)}`);
};

test('a screen share appears for the others; speaker view follows the active speaker', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);
  for (const p of [ada, grace, alan]) await waitForRemoteVideos(p.page, 2);

  // Ada (the owner, so a presenter) shares her screen (Chromium's fake screen capture).
  const share = toolbarButton(ada.page, 'Share screen');
  await share.click();
  await poll(async () => (await share.getAttribute('aria-pressed')) === 'true', { message: 'Ada: sharing' });
  for (const p of [grace, alan]) {
    // The share is decoded in its own tile, which becomes the large one of speaker view.
    await poll(async () => {
      const v = (await videoElements(p.page)).find((x) => x.label === 'Screen of Ada Lovelace' && !x.local);
      return v && v.frames > 5 && v.width > 0;
    }, { timeout: 60_000, message: `${p.name}: Ada's screen decoded` });
    await poll(async () => (await layoutOf(p.page)) === 'speaker', { message: `${p.name}: switched to speaker view` });
    await poll(async () => (await mainTile(p.page))?.name === 'Screen of Ada Lovelace',
      { message: `${p.name}: the screen share is the main tile` });
  }
  writeReport('screenshare', { received: await collectReceived([ada, grace, alan]) });
  await share.click();
  await poll(async () => (await share.getAttribute('aria-pressed')) === 'false', { message: 'Ada: sharing stopped' });
  for (const p of [grace, alan]) {
    await poll(async () => (await videoElements(p.page)).every((x) => x.label !== 'Screen of Ada Lovelace'),
      { message: `${p.name}: the screen tile is gone` });
  }

  // Active speaker: only Grace's microphone (the fake one plays tone bursts) is on, then only Ada's.
  await setLayout(alan.page, 'speaker');
  await setMicrophone(ada.page, false);
  await setMicrophone(alan.page, false);
  await poll(async () => (await mainTile(alan.page))?.name === 'Grace Hopper', { timeout: 45_000,
    message: 'Alan\'s speaker view shows Grace while she speaks' }).catch(withSpeakers(alan));
  await setMicrophone(grace.page, false);
  await setMicrophone(ada.page, true);
  await poll(async () => (await mainTile(alan.page))?.name === 'Ada Lovelace', { timeout: 45_000,
    message: 'Alan\'s speaker view follows to Ada' }).catch(withSpeakers(alan));
  // The main tile shows her video (decoded, frames rising), not just her initials. (The tile is
  // drawn anew as the main one, so its video element starts counting again.)
  let last = -1;
  await poll(async () => {
    const v = (await videoElements(alan.page)).find((x) => x.label === 'Ada Lovelace' && x.playing);
    const rising = v && v.width > 0 && last >= 0 && v.frames > last;
    last = v ? v.frames : -1;
    return rising;
  }, { interval: 1000, message: 'Ada\'s video plays in Alan\'s main tile' });
  assert.equal((await mainTile(alan.page))?.name, 'Ada Lovelace', 'Ada is still the main tile');
});
