#!/usr/bin/env node
// Plenum media participants in Chromium (Debian's /usr/lib/chromium/chromium, driven by
// playwright-core): one browser, one page per ticket, each running browser_peer.js
// (window.plenumPeer) with Chromium's fake camera (moving test pattern) and microphone (beeps).
//
//   node chromium_peers.mjs --url ws://127.0.0.1:PORT/signaling [--seconds N] [--publish audio,video]
//        [--screen | --screen-pages 0,2] [--relay-only] [--ice-servers JSON] [--leave-after N]
//        [--restart-ice-after N] [--page-url URL] [--report FILE] [--screenshots DIR] [--verbose]
//        [--video-codec VP8|VP9|H264|AV1 [--video-codec-method munge]] TICKET [TICKET ...]
//   node chromium_peers.mjs --self-test [--page-url URL] [--relay-only --ice-servers JSON] [--seconds N]
//        [--video-codec NAME [--video-codec-method munge]]
//
// Each page is at the Plenum server's origin (http://127.0.0.1:PORT/, a secure context). By default
// the page is a blank document that Playwright serves for http://127.0.0.1:PORT/plenum-test-peer.html
// (the server is not asked for it), so the web app's own scripts do not interfere; --page-url
// navigates to a real URL instead (e.g. the web app at http://127.0.0.1:PORT/) and injects there.
//
// Output: one JSON document {chromium: {...timings}, pages: [report per ticket]} to --report FILE or
// stdout, after --seconds (or on SIGTERM/SIGINT). The per-page report is window.plenumPeer.report().
// --self-test runs a loopback in one page (two RTCPeerConnections, fake camera + microphone) and
// checks that framesDecoded rises; with --relay-only both connections use only TURN relay candidates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const PEER_JS = path.join(here, 'browser_peer.js');
export const CHROMIUM = process.env.PLENUM_CHROMIUM || '/usr/lib/chromium/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
  // Chromium >= 14x blocks a page whose address space it does not know (a Playwright-served page)
  // from reaching loopback (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
  '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets',
];

const USAGE = `usage: node chromium_peers.mjs --url ws://127.0.0.1:PORT/signaling [--seconds N] [--publish audio,video]
       [--screen | --screen-pages 0,2] [--relay-only] [--ice-servers JSON] [--leave-after N]
       [--restart-ice-after N] [--page-url URL] [--report FILE] [--screenshots DIR] [--verbose]
       [--video-codec VP8|VP9|H264|AV1 [--video-codec-method munge]] TICKET...
   or: node chromium_peers.mjs --self-test [--page-url URL] [--relay-only --ice-servers JSON] [--seconds N]
       [--video-codec NAME [--video-codec-method munge]]`;

function usage(text) {
  process.stderr.write(text + '\n' + USAGE + '\n');
  process.exit(2);
}

function parseArgs(argv) {
  const a = {
    url: null, tickets: [], seconds: 10, publish: ['audio', 'video'], screenPages: [], screenAll: false,
    relayOnly: false, iceServers: null, leaveAfter: null, restartIceAfter: null, pageUrl: null, report: null,
    screenshots: null, verbose: false, selfTest: false, videoCodec: null, videoCodecMethod: null,
  };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) usage('missing value for ' + k);
      return argv[++i];
    };
    const num = () => {
      const n = Number(v());
      if (!Number.isFinite(n) || n < 0) usage('bad number for ' + k);
      return n;
    };
    switch (k) {
      case '--url': a.url = v(); break;
      case '--seconds': a.seconds = num(); break;
      case '--publish': a.publish = v().split(',').filter(Boolean); break;
      case '--screen': a.screenAll = true; break;
      case '--screen-pages': a.screenPages = v().split(',').map(Number); break;
      case '--relay-only': a.relayOnly = true; break;
      case '--ice-servers': a.iceServers = JSON.parse(v()); break;
      case '--leave-after': a.leaveAfter = num(); break;
      case '--restart-ice-after': a.restartIceAfter = num(); break;
      case '--page-url': a.pageUrl = v(); break;
      case '--report': a.report = v(); break;
      case '--screenshots': a.screenshots = v(); break;
      case '--verbose': a.verbose = true; break;
      case '--video-codec': a.videoCodec = v(); break;
      case '--video-codec-method': a.videoCodecMethod = v(); break;
      case '--self-test': a.selfTest = true; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default:
        if (k.startsWith('--')) usage('unknown argument ' + k);
        a.tickets.push(k);
    }
  }
  if (!a.selfTest && (!a.url || a.tickets.length === 0)) usage('--url and at least one ticket are required');
  return a;
}

const t0 = Date.now();
const log = (text) => process.stderr.write(`[chromium_peers +${((Date.now() - t0) / 1000).toFixed(2)}s] ${text}\n`);

function writeOut(args, doc) {
  const text = JSON.stringify(doc, null, 1);
  if (args.report) {
    fs.writeFileSync(args.report + '.tmp', text);
    fs.renameSync(args.report + '.tmp', args.report);
  } else {
    process.stdout.write(text + '\n');
  }
}

// ws://host:port/signaling → http://host:port (wss → https).
function originOf(wsUrl) {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u.origin;
}

export async function launch(verbose) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-chromium-'));
  const started = Date.now();
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, ignoreDefaultArgs: ['--mute-audio'],
    viewport: { width: 1000, height: 700 },
  });
  const launchMs = Date.now() - started;
  const close = async () => {
    try { await context.close(); } catch (e) { /* already gone */ }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (verbose) log('chromium up in ' + launchMs + ' ms, profile ' + dir);
  return { context, close, launchMs, version: context.browser() ? context.browser().version() : null };
}

const BLANK = '<!doctype html><html><head><meta charset="utf-8"><title>plenum test peer</title></head>' +
  '<body style="margin:0;background:#fff"></body></html>';

async function openPage(context, origin, pageUrl, index, verbose) {
  const page = await context.newPage();
  page.on('console', (m) => { if (verbose || m.type() === 'error') log(`page ${index} ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => log(`page ${index} exception: ${e.message}`));
  let url = pageUrl;
  if (!url) {
    url = origin + '/plenum-test-peer.html';
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: BLANK }));
  }
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ path: PEER_JS });
  return page;
}

async function runPeers(args) {
  const doc = { chromium: { executable: CHROMIUM }, pages: [] };
  const browser = await launch(args.verbose);
  doc.chromium.launch_ms = browser.launchMs;
  doc.chromium.version = browser.version;
  const origin = originOf(args.url);
  const pages = [];
  let finished = false;
  const finish = async (why) => {
    if (finished) return;
    finished = true;
    log('finishing: ' + why);
    doc.finished = why;
    doc.pages = await Promise.all(pages.map(async (p, i) => {
      try {
        return await Promise.race([p.page.evaluate(() => window.plenumPeer.report()),
          new Promise((_, rej) => setTimeout(() => rej(new Error('report timed out')), 10000))]);
      } catch (e) {
        return { ticket_index: i, errors: [{ where: 'report', text: String(e.message || e) }] };
      }
    }));
    doc.pages.forEach((r, i) => { r.ticket_index = i; r.start_result = pages[i] && pages[i].start; });
    if (args.screenshots) {
      fs.mkdirSync(args.screenshots, { recursive: true });
      await Promise.all(pages.map((p, i) => p.page.screenshot({ path: path.join(args.screenshots, `page-${i}.png`) }).catch(() => {})));
    }
    writeOut(args, doc);
    await browser.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => finish('SIGTERM'));
  process.on('SIGINT', () => finish('SIGINT'));

  const pagesStarted = Date.now();
  // Pages open one after another (cheap); sessions start concurrently.
  for (let i = 0; i < args.tickets.length; i++) {
    const page = await openPage(browser.context, origin, args.pageUrl, i, args.verbose);
    pages.push({ page, start: null });
  }
  doc.chromium.pages_ready_ms = Date.now() - pagesStarted;
  const runFor = setTimeout(() => finish('seconds'), args.seconds * 1000);
  await Promise.all(pages.map(async (p, i) => {
    const options = {
      publish: args.publish, screen: args.screenAll || args.screenPages.includes(i), relayOnly: args.relayOnly,
      iceServers: args.iceServers || undefined,
      leaveAfterMs: args.leaveAfter !== null ? args.leaveAfter * 1000 : undefined,
      restartIceAfterMs: args.restartIceAfter !== null ? args.restartIceAfter * 1000 : undefined,
      videoCodec: args.videoCodec || undefined, videoCodecMethod: args.videoCodecMethod || undefined,
    };
    try {
      p.start = await p.page.evaluate(([url, ticket, o]) => window.plenumPeer.start(url, ticket, o),
        [args.url, args.tickets[i], options]);
      log(`page ${i} joined as ${p.start.participant_id}`);
    } catch (e) {
      p.start = { error: String(e.message || e) };
      log(`page ${i} start failed: ${p.start.error}`);
    }
  }));
  void runFor;
}

// A loopback inside one page: pc1 sends the fake camera and microphone, pc2 receives; framesDecoded
// is sampled every 250 ms. With relayOnly both use iceTransportPolicy 'relay' and the given servers.
async function loopbackInPage(o) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const start = performance.now();
  const config = { iceServers: o.iceServers || [], bundlePolicy: 'max-bundle' };
  if (o.relayOnly) config.iceTransportPolicy = 'relay';
  const pc1 = new RTCPeerConnection(config);
  const pc2 = new RTCPeerConnection(config);
  const candidates = { pc1: [], pc2: [] };
  // Chromium decodes remote audio only while something plays it.
  const audioEl = new Audio();
  pc2.ontrack = (e) => {
    if (e.track.kind === 'audio') {
      audioEl.srcObject = new MediaStream([e.track]);
      audioEl.play().catch(() => {});
    }
  };
  pc1.onicecandidate = (e) => { if (e.candidate) { candidates.pc1.push(e.candidate.candidate); pc2.addIceCandidate(e.candidate); } };
  pc2.onicecandidate = (e) => { if (e.candidate) { candidates.pc2.push(e.candidate.candidate); pc1.addIceCandidate(e.candidate); } };
  const gumStart = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 15 } });
  const gumMs = performance.now() - gumStart;
  let codecMethod = null;
  for (const t of stream.getTracks()) {
    const tr = pc1.addTransceiver(t, { direction: 'sendonly', streams: [stream] });
    if (o.videoCodec && t.kind === 'video') {
      codecMethod = o.videoCodecMethod === 'munge' ? 'munge' : window.plenumPreferVideoCodec(tr, RTCRtpSender, o.videoCodec);
    }
  }
  const offer = await pc1.createOffer();
  if (codecMethod === 'munge') await pc1.setLocalDescription({ type: 'offer', sdp: window.plenumMungeVideoCodec(offer.sdp, o.videoCodec) });
  else await pc1.setLocalDescription(offer);
  await pc2.setRemoteDescription(pc1.localDescription); // the munged offer with --video-codec-method munge
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc1.setRemoteDescription(answer);
  const timeline = [];
  let firstFrameMs = null;
  let last = null;
  const deadline = performance.now() + o.seconds * 1000;
  while (performance.now() < deadline) {
    await sleep(250);
    const stats = await pc2.getStats();
    const row = { t: Math.round(performance.now() - start) };
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') { row.framesDecoded = s.framesDecoded; row.width = s.frameWidth; }
      if (s.type === 'inbound-rtp' && s.kind === 'audio') { row.audioLevel = s.audioLevel; row.totalAudioEnergy = s.totalAudioEnergy; }
    });
    if (row.framesDecoded > 0 && firstFrameMs === null) firstFrameMs = row.t;
    timeline.push(row);
    last = row;
  }
  const summary = window.plenumSummarizeStats(await pc2.getStats());
  const sender = window.plenumSummarizeStats(await pc1.getStats());
  const offerSdp = pc1.localDescription.sdp;
  stream.getTracks().forEach((t) => t.stop());
  pc1.close();
  pc2.close();
  const maxLevel = Math.max(0, ...timeline.map((r) => r.audioLevel || 0));
  const firstWithFrames = timeline.find((r) => r.framesDecoded > 0);
  const fps = firstWithFrames && last.t > firstWithFrames.t
    ? (last.framesDecoded - firstWithFrames.framesDecoded) / ((last.t - firstWithFrames.t) / 1000) : 0;
  return {
    get_user_media_ms: Math.round(gumMs), first_frame_ms: firstFrameMs, frames_decoded: last ? last.framesDecoded : 0,
    fps, audio_level_max: maxLevel, total_audio_energy: last ? last.totalAudioEnergy : 0, candidates, receiver: summary,
    sender, timeline: timeline.filter((_, i) => i % 4 === 0), offer_sdp: offerSdp, user_agent: navigator.userAgent,
    secure_context: window.isSecureContext, video_codec: o.videoCodec || null, video_codec_method: codecMethod,
    sent_codec: (sender.outbound.find((x) => x.kind === 'video') || {}).codec || null,
    received_codec: (summary.inbound.find((x) => x.kind === 'video') || {}).codec || null,
    encoder: (sender.outbound.find((x) => x.kind === 'video') || {}).encoderImplementation || null,
    decoder: (summary.inbound.find((x) => x.kind === 'video') || {}).decoderImplementation || null,
    sender_video_codecs: RTCRtpSender.getCapabilities('video').codecs.map((c) => c.mimeType + (c.sdpFmtpLine ? ' ' + c.sdpFmtpLine : '')),
  };
}

async function selfTest(args) {
  const browser = await launch(args.verbose);
  let result;
  try {
    const pageStart = Date.now();
    const page = await openPage(browser.context, 'http://127.0.0.1:9', args.pageUrl, 0, args.verbose);
    const pageMs = Date.now() - pageStart;
    result = await page.evaluate(loopbackInPage, { seconds: Math.min(args.seconds, 60), relayOnly: args.relayOnly,
      iceServers: args.iceServers, videoCodec: args.videoCodec, videoCodecMethod: args.videoCodecMethod });
    result.chromium = { launch_ms: browser.launchMs, page_ready_ms: pageMs, version: browser.version };
    const pair = result.receiver.candidate_pair;
    const relayOk = !args.relayOnly || (pair && pair.local && pair.local.candidateType === 'relay' &&
      result.candidates.pc1.length > 0 && result.candidates.pc1.every((c) => / typ relay /.test(c)));
    const codecOk = !args.videoCodec || (result.received_codec || '').toLowerCase() === 'video/' + args.videoCodec.toLowerCase();
    result.ok = result.frames_decoded > 0 && !!relayOk && codecOk;
    result.relay_only = args.relayOnly;
  } finally {
    await browser.close();
  }
  writeOut(args, result);
  log(`self-test ${result.ok ? 'ok' : 'FAILED'}: framesDecoded ${result.frames_decoded} (${result.fps.toFixed(1)} fps), ` +
    `first frame ${result.first_frame_ms} ms, audioLevel max ${result.audio_level_max.toFixed(3)}, ` +
    `launch ${result.chromium.launch_ms} ms, video codec sent ${result.sent_codec} (${result.encoder}) received ${result.received_codec} (${result.decoder}), pair ${JSON.stringify(result.receiver.candidate_pair && [result.receiver.candidate_pair.local, result.receiver.candidate_pair.remote])}`);
  process.exit(result.ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv);
  if (args.selfTest) await selfTest(args);
  else await runPeers(args);
}
