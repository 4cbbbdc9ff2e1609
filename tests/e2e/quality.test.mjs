// Issue 7, quality adaptation, as a person sees it: Ada (the owner) and Grace (a guest) meet; each
// sends the camera as three simulcast layers (q 1/4, h 1/2, f full resolution).
//  1. Grace's downlink is limited to 300 kbit/s (tc on loopback, only the packets to her subscribe
//     connection's port): her large tile of Ada keeps decoding, on the low layer; when the limit
//     is lifted the full layer is back within 5 s.
//     Squeezed further (150 kbit/s: less than the low layer at its full frame rate), Ada's video
//     is not paused: Grace gets the low layer's temporal base (VP8 TL0, a fraction of the frame
//     rate) and keeps decoding.
//  2. Grace pins herself, so Ada's tile shrinks to a filmstrip thumbnail: it drops to the low
//     layer; Ada's page stops encoding the layers nobody receives (publish_layers) and starts them
//     again when Grace unpins.
//  3. Ada publishes her camera as ONE VP9 (then AV1) stream with scalabilityMode L3T3_KEY (client
//     setting plenum.cameraPublishing=vp9-svc / av1-svc; three spatial layers in one SSRC; AV1's
//     layers only the dependency descriptor tells the server): under Grace's 300 kbit/s
//     limit the server forwards her only a lower spatial layer, which she keeps decoding, at
//     150 kbit/s the lowest spatial layer's temporal base; the top layer is back within 5 s of
//     lifting the limit (the server asks Ada for the key frame that spatial layer needs).
// Frame sizes are the decoder's (inbound-rtp frameWidth of Ada's track on Grace's page); "rising"
// means framesDecoded grows between two polls. Chromium may scale its encodings down on a busy
// machine, so the full layer is "at least the width Ada currently encodes rid f at" (for SVC: the
// width of her one encoding, which is its top spatial layer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './lib/fixture.mjs';
import { setLayout, waitForRemoteVideos } from './lib/app.mjs';
import { inboundStats, outboundStats, subscribeLocalCandidate, videoElements } from './lib/media.mjs';
import { canLimitLoopback, limitDownlink, limitStats, unlimit } from './lib/netlimit.mjs';
import { ms, poll } from './lib/poll.mjs';

const LOW_MAX_WIDTH = 320; // q of a 1280x720 camera
const RECOVERY_MS = 5_000;

/** Ada's camera as Grace's page decodes it: {framesDecoded, frameWidth, frameHeight} or null. */
async function decodedFrom(page, name) {
  const video = (await videoElements(page)).find((v) => v.label === name && !v.local);
  if (!video) return null;
  const s = (await inboundStats(page)).find((x) => x.kind === 'video' && x.trackIdentifier === video.trackId);
  return s ? { framesDecoded: s.framesDecoded, frameWidth: s.frameWidth, frameHeight: s.frameHeight, fps: s.framesPerSecond } : null;
}

/** For failure messages: what `page` shows and receives of `name`, and its connections' states. */
async function snapshot(page, name) {
  const video = (await videoElements(page)).find((v) => v.label === name && !v.local);
  const inbound = (await inboundStats(page)).filter((s) => s.kind === 'video')
    .map((s) => ({ mid: s.mid, track: s.trackIdentifier, frames: s.framesDecoded, width: s.frameWidth, packets: s.packetsReceived }));
  const pcs = await page.evaluate(() => (window.__plenumE2E ? window.__plenumE2E.pcs.map((pc) => pc.connectionState) : []));
  const paused = await page.getByTestId('video-paused').count();
  return JSON.stringify({ video: video ? { track: video.trackId, frames: video.frames, width: video.width, playing: video.playing } : null,
    inbound, pcs, pausedTiles: paused });
}

/** Ada's camera encodings: {q: {...}, h: {...}, f: {...}} by rid, or {svc: {...}} for one scalable one. */
async function encodings(page) {
  const out = {};
  for (const s of await outboundStats(page)) {
    if (s.kind === 'video' && s.rid) out[s.rid] = s;
    else if (s.kind === 'video' && s.scalabilityMode) out.svc = s;
  }
  return out;
}

/** Polls until `page` decodes `name` with `want(frameWidth, encodings)` true and frames rising. */
async function waitForLayer(page, name, publisher, want, { timeout = 45_000, message }) {
  let last = null;
  try {
    return await poll(async () => {
      const now = await decodedFrom(page, name);
      const enc = await encodings(publisher);
      const ok = now && last && now.framesDecoded > last.framesDecoded && want(now.frameWidth, enc);
      last = now;
      return ok ? { ...now, encodings: Object.fromEntries(Object.entries(enc).map(([rid, e]) => [rid, e.frameWidth])) } : null;
    }, { timeout, interval: 500, message });
  } catch (e) {
    const enc = Object.values(await encodings(publisher).catch(() => ({})))
      .map((x) => `${x.rid} ${x.frameWidth}px active=${x.active}`).join(', ');
    throw new Error(`${e.message}; last decoded ${JSON.stringify(last)}; now ${await snapshot(page, name).catch((x) => x.message)}; publisher encodes ${enc}`);
  }
}

// One scalable encoding: its top spatial layer is the width it encodes; the layers below are at
// most half as wide.
// (At least 640 wide: right after joining the encoder ramps up from a small picture.)
const svcTop = (width, enc) => enc.svc !== undefined && enc.svc.frameWidth >= 640 && width >= enc.svc.frameWidth;
const svcLower = (width, enc) => enc.svc !== undefined && width > 0 && width <= enc.svc.frameWidth / 2;
const fullLayer = (width, enc) => enc.f && enc.f.frameWidth > LOW_MAX_WIDTH && width >= Math.min(1280, enc.f.frameWidth);
const lowLayer = (width) => width > 0 && width <= LOW_MAX_WIDTH;

/** `seconds` one-second samples of what `page` decodes of `name`: widths, frame counts, how often
 *  the count did not rise. */
async function keepsDecoding(page, name, publisher, seconds) {
  const samples = [await decodedFrom(page, name)];
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    samples.push(await decodedFrom(page, name));
  }
  const widths = samples.map((s) => s?.frameWidth ?? 0);
  const frames = samples.map((s) => s?.framesDecoded ?? 0);
  const stalls = frames.slice(1).filter((f, i) => f <= frames[i]).length;
  return { widths, frames, stalls, enc: await encodings(publisher) };
}

/** Each encoding's send rate in kbit/s over `seconds` (outbound-rtp bytesSent). */
async function layerRates(page, seconds) {
  const a = await encodings(page);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = await encodings(page);
  return Object.fromEntries(Object.keys(b).sort().map((rid) => [rid, Math.round(((b[rid].bytesSent - (a[rid]?.bytesSent ?? 0)) * 8) / seconds / 1000)]));
}

function events(p, message) {
  return p.events.filter((e) => e.message === message);
}

/** The meeting for a test that limits Grace's downlink: null (the test skipped) where tc cannot. */
async function limitedMeeting(t, options) {
  const why = canLimitLoopback();
  if (why !== true) {
    t.skip(why);
    return null;
  }
  t.after(unlimit);
  // The server sends datagram by datagram here: tc on loopback would shape a segmented run (UDP
  // GSO: a subscriber's share of a frame, up to 64 KB in one buffer) as one packet, where the
  // bottleneck this models (the subscriber's downlink) sees single datagrams.
  return meeting(t, { ...options, config: '[media]\nudp_segmentation = false\n' });
}

async function meeting(t, { storage = {}, config = '' } = {}) {
  const fx = await setUp(t, { config });
  const { ada, meeting: m } = await fx.ownerMeeting({ storage });
  const grace = await fx.guest('Grace Hopper', m.guestLink);
  for (const p of [ada, grace]) await waitForRemoteVideos(p.page, 1);
  // Grace looks at Ada in speaker view: the large tile asks for the full layer.
  await setLayout(grace.page, 'speaker');
  return { fx, ada, grace };
}

test('a subscriber with a limited downlink keeps decoding on the low layer; the full layer is back within 5 s', async (t) => {
  const m = await limitedMeeting(t);
  if (m === null) return;
  const { ada, grace } = m;
  const before = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, fullLayer,
    { message: 'Grace decodes Ada on the full layer before any limit' });
  t.diagnostic(`unlimited: Grace decodes Ada at ${before.frameWidth}x${before.frameHeight}; Ada encodes ${JSON.stringify(before.encodings)}`);

  // What each of Ada's layers costs right now (kbit/s over 3 s), for reading the figures below.
  const rates = await layerRates(ada.page, 3);
  t.diagnostic(`Ada's layers: ${Object.entries(rates).map(([rid, k]) => `${rid} ${k} kbit/s`).join(', ')}`);

  const local = await poll(() => subscribeLocalCandidate(grace.page), { message: 'Grace\'s subscribe connection\'s local candidate' });
  limitDownlink(local, { kbit: 300 });
  t.diagnostic(`limited ${local.protocol} port ${local.port} (Grace's subscribe connection) to 300 kbit/s`);
  const limitedAt = Date.now();
  const low = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, lowLayer, { timeout: 60_000,
    message: 'Grace decodes Ada on the low layer under the limit' }).catch((e) => {
    throw new Error(`${e.message}; tc: ${JSON.stringify(limitStats())}; receive_quality seen by Grace: `
      + `${JSON.stringify(events(grace, 'receive_quality').slice(-5))}; connection_state: ${JSON.stringify(events(grace, 'connection_state').slice(-5))}`);
  });
  t.diagnostic(`low layer after ${Date.now() - limitedAt} ms: ${low.frameWidth}x${low.frameHeight}`);
  const steady = await keepsDecoding(grace.page, 'Ada Lovelace', ada.page, 8);
  t.diagnostic(`under the limit for 8 s: widths ${steady.widths.join(' ')}, frames ${steady.frames.join(' ')}; tc ${JSON.stringify(limitStats())}`);
  const estimates = events(grace, 'receive_quality').map((e) => `${e.estimate_kbps ?? '-'}kbps paused [${e.paused_mids.join(',')}]`);
  t.diagnostic(`receive_quality seen by Grace so far: ${estimates.join('; ') || 'none'}`);
  // Checked at the end, so that one run also measures the recovery when this part fails.
  const failures = [];
  const check = (ok, message) => { if (!ok) failures.push(message); };
  check(steady.widths.every(lowLayer), `Ada stays on the low layer under the limit: widths ${steady.widths.join(' ')}`);
  check(steady.stalls <= 1, `Ada's video keeps decoding under the limit (frames each second: ${steady.frames.join(' ')})`);
  // Paused would be wrong here: the low layer fits into 300 kbit/s.
  const paused = await grace.page.getByTestId('video-paused').count();
  check(paused === 0, 'no tile of Grace\'s shows "Video paused" while the low layer fits');

  // Less than the low layer costs at its full frame rate: its temporal base layer still fits.
  limitDownlink(local, { kbit: 150 });
  await new Promise((r) => setTimeout(r, 5000)); // the estimate comes down
  const base = await keepsDecoding(grace.page, 'Ada Lovelace', ada.page, 12);
  const rose = base.frames.at(-1) - base.frames[0];
  t.diagnostic(`at 150 kbit/s for 12 s: widths ${base.widths.join(' ')}, frames ${base.frames.join(' ')}; `
    + `receive_quality ${JSON.stringify(events(grace, 'receive_quality').slice(-3).map((e) => [e.estimate_kbps, e.paused_mids]))}`);
  check(await grace.page.getByTestId('video-paused').count() === 0, 'Ada\'s video is not paused at 150 kbit/s (its temporal base fits)');
  check(rose >= 12 && base.widths.at(-1) > 0 && lowLayer(base.widths.at(-1)),
    `Ada's video keeps decoding on the low layer at 150 kbit/s (frames ${base.frames.join(' ')})`);

  unlimit();
  const liftedAt = Date.now();
  const back = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, fullLayer, { timeout: 30_000,
    message: 'Grace decodes Ada on the full layer after the limit is lifted' });
  const recovery = Date.now() - liftedAt;
  t.diagnostic(`full layer back after ${recovery} ms: ${back.frameWidth}x${back.frameHeight} (Ada encodes ${JSON.stringify(back.encodings)})`);
  check(recovery <= ms(RECOVERY_MS), `the full layer is back within ${ms(RECOVERY_MS)} ms of lifting the limit (took ${recovery} ms)`);
  assert.deepEqual(failures, [], 'a constrained subscriber degrades gracefully and recovers');
});

test('a tile shrunk to a thumbnail drops to the low layer; layers nobody receives are not encoded', async (t) => {
  const { ada, grace } = await meeting(t);
  await waitForLayer(grace.page, 'Ada Lovelace', ada.page, fullLayer, { message: 'Grace decodes Ada large on the full layer' });

  // Grace pins her own tile: it becomes the large one, Ada's goes to the filmstrip (160x90).
  await grace.page.getByRole('button', { name: 'Pin Grace Hopper (you)' }).click({ force: true });
  await poll(async () => {
    const box = await grace.page.locator('[role="group"][aria-label="Ada Lovelace"]').boundingBox();
    return box && box.width <= 200;
  }, { message: 'Ada\'s tile is a thumbnail on Grace\'s page' });
  const small = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, lowLayer,
    { message: 'Grace decodes Ada\'s thumbnail on the low layer' });
  t.diagnostic(`thumbnail: ${small.frameWidth}x${small.frameHeight}; Ada encodes ${JSON.stringify(small.encodings)}`);

  // Nobody receives Ada's h and f any more: the server says so and her page stops encoding them.
  const layers = await poll(() => {
    const last = events(ada, 'publish_layers').at(-1);
    return last && last.active_rids.length > 0 && !last.active_rids.includes('f') ? last : null;
  }, { message: 'Ada is told that her f layer is not received' });
  t.diagnostic(`publish_layers to Ada: ${JSON.stringify(layers)}`);
  let encBefore = null;
  const idle = await poll(async () => {
    const enc = await encodings(ada.page);
    const prev = encBefore;
    encBefore = enc;
    if (!prev || !enc.q || !enc.f) return null;
    const stopped = ['h', 'f'].filter((rid) => !layers.active_rids.includes(rid))
      .every((rid) => enc[rid].active === false && enc[rid].framesEncoded === prev[rid].framesEncoded);
    return stopped && enc.q.framesEncoded > prev.q.framesEncoded ? enc : null;
  }, { interval: 1000, message: 'Ada\'s page encodes only the layers that are received' });
  t.diagnostic(`Ada's encodings: ${Object.values(idle).map((e) => `${e.rid} active=${e.active} frames=${e.framesEncoded}`).join(', ')}`);

  // Unpinned: Ada's tile is large again, every layer comes back and Grace gets the full one.
  await grace.page.getByRole('button', { name: 'Pin Grace Hopper (you)' }).click({ force: true });
  const large = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, fullLayer, { timeout: 30_000,
    message: 'Grace decodes Ada on the full layer again after unpinning' });
  t.diagnostic(`large again: ${large.frameWidth}x${large.frameHeight}`);
  const enc = await encodings(ada.page);
  assert.equal(enc.f?.active, true, 'Ada encodes f again');
});

for (const [codec, setting] of [['VP9', 'vp9-svc'], ['AV1', 'av1-svc']]) test(`${codec} SVC (L3T3_KEY, one stream): a limited subscriber decodes a lower spatial layer and keeps decoding; the top layer returns`, async (t) => {
  const m = await limitedMeeting(t, { storage: { 'plenum.cameraPublishing': setting } });
  if (m === null) return;
  const { ada, grace } = m;
  const sent = await poll(async () => {
    const e = (await encodings(ada.page)).svc;
    return e && e.framesEncoded > 0 ? e : null;
  }, { message: 'Ada sends her camera as one scalable encoding' });
  t.diagnostic(`Ada encodes ${sent.mimeType} ${sent.scalabilityMode} at ${sent.frameWidth}x${sent.frameHeight}`);
  assert.equal(sent.mimeType, `video/${codec}`);
  assert.equal(sent.scalabilityMode, 'L3T3_KEY');
  assert.equal(Object.keys(await encodings(ada.page)).join(), 'svc', 'one encoding, no simulcast');

  const before = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, svcTop,
    { message: 'Grace decodes Ada\'s top spatial layer before any limit' });
  const received = (await inboundStats(grace.page)).filter((s) => s.kind === 'video').map((s) => s.mimeType);
  t.diagnostic(`unlimited: Grace decodes Ada at ${before.frameWidth}x${before.frameHeight} (${received.join(', ')}); Ada encodes ${JSON.stringify(before.encodings)}`);
  assert.ok(received.includes(`video/${codec}`), `Grace receives ${codec} (${received.join(', ')})`);
  // Whether the layering also travels in the dependency descriptor (negotiated both ways).
  const dd = async (page) => page.evaluate(() => window.__plenumE2E.pcs.map((pc) => [pc.localDescription, pc.remoteDescription]
    .every((d) => d && /dependency-descriptor-rtp-header-extension/.test(d.sdp) && /a=extmap-allow-mixed/.test(d.sdp))));
  t.diagnostic(`dependency descriptor negotiated: Ada's connections ${JSON.stringify(await dd(ada.page))}, Grace's ${JSON.stringify(await dd(grace.page))}`);
  const rates = await layerRates(ada.page, 3);
  t.diagnostic(`Ada sends ${rates.svc} kbit/s (all layers)`);

  const local = await poll(() => subscribeLocalCandidate(grace.page), { message: 'Grace\'s subscribe connection\'s local candidate' });
  limitDownlink(local, { kbit: 300 });
  const limitedAt = Date.now();
  const low = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, svcLower, { timeout: 60_000,
    message: 'Grace decodes a lower spatial layer of Ada under the limit' }).catch((e) => {
    throw new Error(`${e.message}; tc: ${JSON.stringify(limitStats())}; receive_quality seen by Grace: `
      + `${JSON.stringify(events(grace, 'receive_quality').slice(-5))}`);
  });
  t.diagnostic(`lower spatial layer after ${Date.now() - limitedAt} ms: ${low.frameWidth}x${low.frameHeight}`);
  const steady = await keepsDecoding(grace.page, 'Ada Lovelace', ada.page, 8);
  t.diagnostic(`under the limit for 8 s: widths ${steady.widths.join(' ')}, frames ${steady.frames.join(' ')}; tc ${JSON.stringify(limitStats())}`);
  const failures = [];
  const check = (ok, message) => { if (!ok) failures.push(message); };
  check(steady.widths.every((w) => svcLower(w, steady.enc)), `Ada stays on a lower spatial layer under the limit: widths ${steady.widths.join(' ')} (top ${steady.enc.svc?.frameWidth})`);
  check(steady.stalls <= 1, `Ada's video keeps decoding under the limit (frames each second: ${steady.frames.join(' ')})`);
  check(await grace.page.getByTestId('video-paused').count() === 0, 'no tile of Grace\'s shows "Video paused"');

  // Less than the lowest spatial layer costs at its full frame rate: its temporal base still fits.
  limitDownlink(local, { kbit: 150 });
  await new Promise((r) => setTimeout(r, 5000));
  const base = await keepsDecoding(grace.page, 'Ada Lovelace', ada.page, 12);
  t.diagnostic(`at 150 kbit/s for 12 s: widths ${base.widths.join(' ')}, frames ${base.frames.join(' ')}; `
    + `receive_quality ${JSON.stringify(events(grace, 'receive_quality').slice(-3).map((e) => [e.estimate_kbps, e.paused_mids]))}`);
  check(await grace.page.getByTestId('video-paused').count() === 0, 'Ada\'s video is not paused at 150 kbit/s');
  check(base.frames.at(-1) - base.frames[0] >= 12 && svcLower(base.widths.at(-1), base.enc),
    `Ada's video keeps decoding on a lower spatial layer at 150 kbit/s (frames ${base.frames.join(' ')})`);

  unlimit();
  const liftedAt = Date.now();
  const back = await waitForLayer(grace.page, 'Ada Lovelace', ada.page, svcTop, { timeout: 30_000,
    message: 'Grace decodes Ada\'s top spatial layer after the limit is lifted' });
  const recovery = Date.now() - liftedAt;
  t.diagnostic(`top layer back after ${recovery} ms: ${back.frameWidth}x${back.frameHeight}`);
  check(recovery <= ms(RECOVERY_MS), `the top layer is back within ${ms(RECOVERY_MS)} ms of lifting the limit (took ${recovery} ms)`);
  assert.deepEqual(failures, [], `a constrained subscriber of a ${codec} SVC stream degrades gracefully and recovers`);
});
