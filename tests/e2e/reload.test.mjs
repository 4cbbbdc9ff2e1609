// Issue 6, test 5: a participant reloads the page during the meeting and resumes it as the same
// participant; the others never see them leave (no `left`/`joined` event about them, their tile
// never leaves the stage), and media flows again both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { waitForRemoteAudio, waitForRemoteVideos, waitForRoom } from './lib/app.mjs';
import { videoElements } from './lib/media.mjs';
import { poll } from './lib/poll.mjs';
import { collectReceived, writeReport } from './lib/report.mjs';

// Records, in the page, every removal of the tile of `participantId` from the stage.
async function watchTile(page, participantId) {
  await page.evaluate((id) => {
    window.__tileRemovals = 0;
    const present = () => !!document.querySelector(`[role="group"][data-participant-id="${id}"][data-source="camera"]`);
    let was = present();
    new MutationObserver(() => {
      const now = present();
      if (was && !now) window.__tileRemovals += 1;
      was = now;
    }).observe(document.body, { childList: true, subtree: true });
  }, participantId);
}

test('reloading during a meeting resumes it without the others seeing a leave', async (t) => {
  const fx = await setUp(t);
  const { ada, meeting } = await fx.ownerMeeting();
  const grace = await fx.guest('Grace Hopper', meeting.guestLink);
  const alan = await fx.guest('Alan Turing', meeting.guestLink);
  for (const p of [ada, grace, alan]) await waitForRemoteVideos(p.page, 2);
  const graceId = (await videoElements(ada.page)).find((v) => v.label === 'Grace Hopper').participantId;
  assert.ok(graceId, 'Grace has a tile on Ada\'s stage');
  await watchTile(ada.page, graceId);
  await watchTile(alan.page, graceId);

  const seen = { Ada: ada.events.length, 'Alan Turing': alan.events.length };
  const before = Date.now();
  await grace.page.reload();
  await waitForRoom(grace.page);
  // Back as the same participant with media both ways.
  await waitForRemoteVideos(grace.page, 2);
  await waitForRemoteAudio(grace.page, 2);
  await poll(async () => {
    const v = (await videoElements(ada.page)).find((x) => x.participantId === graceId);
    return v && v.frames > 0;
  }, { message: 'Ada decodes Grace again' });
  await waitForRemoteVideos(ada.page, 2);
  await waitForRemoteVideos(alan.page, 2);
  const ownId = await grace.page.getByRole('group', { name: 'Grace Hopper (you)' }).getAttribute('data-participant-id');
  assert.equal(ownId, graceId, 'Grace resumed as the same participant');
  const resumeMs = Date.now() - before;

  for (const [who, page] of [['Ada', ada.page], ['Alan', alan.page]]) {
    assert.equal(await page.evaluate(() => window.__tileRemovals), 0, `${who}: Grace's tile never left the stage`);
  }
  // Ada's and Alan's signaling: Grace's first join was seen; after the reload no event says she
  // left or joined.
  for (const { name: who, events } of [ada, alan]) {
    assert.ok(events.slice(0, seen[who]).some((e) => e.message === 'join_success' || (e.message === 'joined' && e.participant?.id === graceId)),
      `${who}: signaling events were recorded`);
    const about = events.slice(seen[who]).filter((e) => (e.message === 'left' && e.participant_id === graceId)
      || (e.message === 'joined' && e.participant?.id === graceId));
    assert.deepEqual(about, [], `${who}: no leave/join of Grace after her reload`);
  }
  writeReport('reload', { received: await collectReceived([ada, grace, alan]), notes: [`Grace resumed in ${resumeMs} ms`] });
});
