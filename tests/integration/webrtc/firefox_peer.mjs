#!/usr/bin/env node
// A Plenum media participant in Firefox ESR (Debian's firefox-esr) WITHOUT a driver: no geckodriver,
// no Marionette, no Playwright. This script
//   1. serves a tiny page on http://127.0.0.1:<free port>/ (a secure context) that loads
//      browser_peer.js and runs window.plenumPeer.start(url, ticket, options) with the options
//      from its query string;
//   2. starts `firefox-esr --headless --no-remote --profile <fresh dir> <page url>` with a user.js
//      (fake camera and microphone without prompts, loopback ICE candidates, autoplay allowed,
//      no first-run pages, telemetry, updates or background traffic);
//   3. after --seconds (or on SIGTERM/SIGINT) answers the page's long-polling GET /wait, and the
//      page POSTs `await plenumPeer.report()` back to /report;
//   4. kills Firefox by its PID (SIGTERM, then SIGKILL of its process group) and writes the report.
//
//   node firefox_peer.mjs --url ws://127.0.0.1:PORT/signaling --ticket T [--seconds N]
//        [--publish audio,video] [--relay-only] [--ice-servers JSON] [--leave-after N]
//        [--restart-ice-after N] [--video-codec NAME [--video-codec-method munge]]
//        [--width W --height H --fps F] [--bundle-policy balanced|max-bundle] [--report FILE] [--verbose]
//   node firefox_peer.mjs --self-test [--seconds N]     # loopback of two PCs in one Firefox page
//
// The page's origin (http://127.0.0.1:<our port>) differs from the signaling server's; WebSocket
// has no CORS, and Plenum does not check the Origin of /signaling. The report has the shape of the
// other peers' (docs/testing-media.md) with "peer": "firefox", plus "firefox" (version, launch and
// page timings, the page's console when --verbose) and "frames_timeline".
// Exit codes: 0 report written (read it), 1 self-test failed, 2 bad usage, 3 Firefox never loaded
// the page (a report with the error is written anyway).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PEER_JS = path.join(here, 'browser_peer.js');
export const FIREFOX = process.env.PLENUM_FIREFOX || '/usr/bin/firefox-esr';

// user.js of the throwaway profile.
const PREFS = {
  // getUserMedia: Firefox's fake devices (a coloured test pattern, a tone), no permission prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Firefox gathers only the "default address" (the source address of a route to the Internet;
  // none in the tests' loopback-only namespace, so ICE fails at once with "failed to find default
  // addresses") for a page that has no camera/microphone permission, whatever
  // media.peerconnection.ice.default_address_only says. permission.disabled grants nothing, so
  // allow both by default.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.autoplay.default': 0,                 // allow audible autoplay (remote audio elements)
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
  // ICE: gather host candidates on every interface including loopback, with plain addresses
  // (no mDNS .local names), not just the default route's address (in the test namespace there is
  // no default route, only lo).
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.default_address_only': false,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.no_host': false,
  'media.peerconnection.ice.proxy_only': false,
  'media.peerconnection.ice.link_local': true,
  'media.peerconnection.enabled': true,
  // The page's console on stdout (read with --verbose).
  'devtools.console.stdout.content': true,
  // No first-run, default-browser, welcome, update, telemetry or background network traffic.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.newtabpage.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.tabs.warnOnClose': false,
  'browser.sessionstore.resume_from_crash': false,
  'browser.warnOnQuit': false,
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'trailhead.firstrun.didSeeAboutWelcome': true,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.firstRunURL': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'toolkit.startup.max_resumed_crashes': -1,
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'extensions.update.enabled': false,
  'extensions.autoDisableScopes': 0,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.search.update': false,
  'browser.ping-centre.telemetry': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.region.network.url': '',
  'geo.provider.network.url': '',
  'media.gmp-manager.url': 'http://127.0.0.1:9/',
  'media.gmp-gmpopenh264.autoupdate': false,
  'media.gmp-gmpopenh264.enabled': false,
  'remote.prefs.recommended': false,
  // A single background-free tab: no timer throttling.
  'dom.min_background_timeout_value': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  'privacy.reduceTimerPrecision': false,
};

const USAGE = `usage: node firefox_peer.mjs --url ws://127.0.0.1:PORT/signaling --ticket T [--seconds N]
       [--publish audio,video] [--relay-only] [--ice-servers JSON] [--leave-after N] [--restart-ice-after N]
       [--video-codec NAME [--video-codec-method munge]] [--width W --height H --fps F]
       [--bundle-policy balanced|max-bundle] [--report FILE] [--verbose]
   or: node firefox_peer.mjs --self-test [--seconds N] [--report FILE] [--verbose]`;

function usage(text) {
  process.stderr.write(text + '\n' + USAGE + '\n');
  process.exit(2);
}

function parseArgs(argv) {
  const a = {
    url: null, ticket: null, seconds: 10, publish: ['audio', 'video'], relayOnly: false, iceServers: null,
    leaveAfter: null, restartIceAfter: null, videoCodec: null, videoCodecMethod: null, report: null,
    verbose: false, selfTest: false, width: 320, height: 240, fps: 15, bundlePolicy: null,
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
      case '--ticket': a.ticket = v(); break;
      case '--seconds': a.seconds = num(); break;
      case '--publish': a.publish = v().split(',').filter(Boolean); break;
      case '--relay-only': a.relayOnly = true; break;
      case '--ice-servers': a.iceServers = JSON.parse(v()); break;
      case '--leave-after': a.leaveAfter = num(); break;
      case '--restart-ice-after': a.restartIceAfter = num(); break;
      case '--video-codec': a.videoCodec = v(); break;
      case '--video-codec-method': a.videoCodecMethod = v(); break;
      case '--bundle-policy': a.bundlePolicy = v(); break;
      case '--width': a.width = num(); break;
      case '--height': a.height = num(); break;
      case '--fps': a.fps = num(); break;
      case '--report': a.report = v(); break;
      case '--verbose': a.verbose = true; break;
      case '--self-test': a.selfTest = true; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: usage('unknown argument ' + k);
    }
  }
  if (!a.selfTest && (!a.url || !a.ticket)) usage('--url and --ticket are required');
  return a;
}

const t0 = Date.now();
const log = (text) => process.stderr.write(`[firefox_peer +${((Date.now() - t0) / 1000).toFixed(2)}s] ${text}\n`);

function writeOut(file, doc) {
  const text = JSON.stringify(doc, null, 1);
  if (file) {
    fs.writeFileSync(file + '.tmp', text);
    fs.renameSync(file + '.tmp', file);
  } else {
    process.stdout.write(text + '\n');
  }
}

// The page. Everything it needs comes from its query string: mode ("peer" | "self-test"), url,
// ticket, opts (JSON for plenumPeer.start). It reports progress to the server that served it.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>plenum firefox peer</title>
<script src="/browser_peer.js"></script></head><body style="margin:0;background:#fff"><script>
'use strict';
(async () => {
  const q = new URLSearchParams(location.search);
  const post = (p, body) => fetch(p, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  const say = (text) => post('/log', { text: String(text) }).catch(() => {});
  window.addEventListener('error', (e) => say('exception: ' + e.message + ' at ' + e.filename + ':' + e.lineno));
  window.addEventListener('unhandledrejection', (e) => say('unhandled rejection: ' + ((e.reason && e.reason.message) || e.reason)));
  const opts = JSON.parse(q.get('opts') || '{}');
  await post('/loaded', { user_agent: navigator.userAgent, secure_context: window.isSecureContext });
  // Wait for "report now" in parallel with the run (a hung start still gets reported).
  const waiting = fetch('/wait').then((r) => r.text());
  let started;
  const run = q.get('mode') === 'self-test'
    ? window.plenumFirefoxSelfTest(opts)
    : window.plenumPeer.start(q.get('url'), q.get('ticket'), opts);
  run.then((r) => { started = r; post('/started', r); },
    (e) => { started = { error: String((e && e.message) || e) }; say('start failed: ' + started.error); post('/started', started); });
  const why = await waiting;
  let report;
  try {
    report = q.get('mode') === 'self-test' ? await window.plenumFirefoxSelfTestReport() : await window.plenumPeer.report();
  } catch (e) {
    report = { errors: [{ where: 'report', text: String((e && e.message) || e) }] };
  }
  report.finished = why;
  report.start_result = started || null;
  await post('/report', report);
})();
</script></body></html>`;

// --self-test: a loopback of two RTCPeerConnections in the page (fake camera + microphone),
// measuring what the real peer measures (framesDecoded and audioLevel per 250 ms from getStats).
const SELF_TEST_JS = `
window.plenumFirefoxSelfTest = async (o) => {
  const st = { t0: performance.now(), timeline: [], candidates: { pc1: [], pc2: [] } };
  window.__selfTest = st;
  const config = { iceServers: [], bundlePolicy: 'max-bundle' };
  const pc1 = new RTCPeerConnection(config);
  const pc2 = new RTCPeerConnection(config);
  st.pc1 = pc1; st.pc2 = pc2;
  pc1.onicecandidate = (e) => { if (e.candidate) { st.candidates.pc1.push(e.candidate.candidate); pc2.addIceCandidate(e.candidate); } };
  pc2.onicecandidate = (e) => { if (e.candidate) { st.candidates.pc2.push(e.candidate.candidate); pc1.addIceCandidate(e.candidate); } };
  pc2.ontrack = (e) => {
    if (e.track.kind === 'audio') {
      const a = new Audio(); a.srcObject = new MediaStream([e.track]); a.play().catch(() => {});
    }
  };
  const g = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 15 } });
  st.get_user_media_ms = Math.round(performance.now() - g);
  st.local_settings = stream.getTracks().map((t) => Object.assign({ kind: t.kind, label: t.label }, t.getSettings()));
  for (const t of stream.getTracks()) pc1.addTransceiver(t, { direction: 'sendonly', streams: [stream] });
  await pc1.setLocalDescription(await pc1.createOffer());
  await pc2.setRemoteDescription(pc1.localDescription);
  await pc2.setLocalDescription(await pc2.createAnswer());
  await pc1.setRemoteDescription(pc2.localDescription);
  st.offer_sdp = pc1.localDescription.sdp;
  st.timer = setInterval(async () => {
    const row = { t: Math.round(performance.now() - st.t0) };
    (await pc2.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') { row.framesDecoded = s.framesDecoded; row.mid = s.mid; }
      if (s.type === 'inbound-rtp' && s.kind === 'audio') { row.audioLevel = s.audioLevel; row.totalAudioEnergy = s.totalAudioEnergy; }
    });
    (await pc1.getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') row.framesEncoded = s.framesEncoded;
    });
    if (row.framesDecoded > 0 && st.first_frame_ms === undefined) st.first_frame_ms = row.t;
    st.timeline.push(row);
  }, 250);
  return { ok: true };
};
window.plenumFirefoxSelfTestReport = async () => {
  const st = window.__selfTest;
  if (!st) return { errors: [{ where: 'self-test', text: 'not started' }] };
  clearInterval(st.timer);
  const raw = {};
  for (const [name, pc] of [['pc1', st.pc1], ['pc2', st.pc2]]) {
    raw[name] = [];
    (await pc.getStats()).forEach((s) => raw[name].push(s));
  }
  const tl = st.timeline;
  const first = tl.find((r) => r.framesDecoded > 0);
  const last = tl[tl.length - 1] || {};
  const fps = first && last.t > first.t ? (last.framesDecoded - first.framesDecoded) / ((last.t - first.t) / 1000) : 0;
  const enc = tl.find((r) => r.framesEncoded > 0);
  const encFps = enc && last.t > enc.t ? (last.framesEncoded - enc.framesEncoded) / ((last.t - enc.t) / 1000) : 0;
  return {
    peer: 'firefox', self_test: true, get_user_media_ms: st.get_user_media_ms, first_frame_ms: st.first_frame_ms ?? null,
    frames_decoded: last.framesDecoded || 0, fps, encoded_fps: encFps,
    audio_level_max: Math.max(0, ...tl.map((r) => r.audioLevel || 0)), total_audio_energy: last.totalAudioEnergy ?? null,
    local_settings: st.local_settings,
    candidates: st.candidates, receiver: window.plenumSummarizeStats(await st.pc2.getStats()),
    sender: window.plenumSummarizeStats(await st.pc1.getStats()), raw_stats: raw, offer_sdp: st.offer_sdp,
    timeline: tl.filter((_, i) => i % 4 === 0), user_agent: navigator.userAgent,
  };
};
`;

function firefoxVersion() {
  try {
    return execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', timeout: 20000 }).trim();
  } catch (e) {
    return null;
  }
}

function prefLine(k, v) {
  return `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`;
}

// Runs one Firefox on the page and resolves with the page's report (or an error report).
async function runFirefox(args, query) {
  const meta = { executable: FIREFOX, version: firefoxVersion() };
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-firefox-'));
  fs.writeFileSync(path.join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => prefLine(k, v)).join('\n') + '\n');
  const console = [];
  let waitRes = null;           // the page's pending GET /wait
  let reportWhy = null;         // set when it is time to report
  let resolveReport;
  const reportP = new Promise((r) => { resolveReport = r; });
  let resolveLoaded;
  const loadedP = new Promise((r) => { resolveLoaded = r; });
  const peerJs = fs.readFileSync(PEER_JS, 'utf8') + (args.selfTest ? SELF_TEST_JS : '');

  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://127.0.0.1');
    const body = () => new Promise((resolve) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')); } catch (e) { resolve({ unparsable: String(e) }); }
      });
    });
    const send = (status, type, text) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(text);
    };
    if (req.method === 'GET' && u.pathname === '/peer.html') return send(200, 'text/html; charset=utf-8', PAGE);
    if (req.method === 'GET' && u.pathname === '/browser_peer.js') return send(200, 'text/javascript; charset=utf-8', peerJs);
    if (req.method === 'GET' && u.pathname === '/wait') {
      if (reportWhy) return send(200, 'text/plain', reportWhy);
      waitRes = res;
      return undefined;
    }
    if (req.method === 'POST') {
      return body().then((b) => {
        send(204, 'text/plain', '');
        if (u.pathname === '/loaded') {
          meta.page_loaded_ms = Date.now() - meta.spawned_at;
          meta.user_agent = b && b.user_agent;
          meta.secure_context = b && b.secure_context;
          if (args.verbose) log('page loaded: ' + JSON.stringify(b));
          resolveLoaded();
        } else if (u.pathname === '/started') {
          meta.started_ms = Date.now() - meta.spawned_at;
          log('started: ' + JSON.stringify(b));
        } else if (u.pathname === '/log') {
          console.push({ t: Date.now() - t0, text: b && b.text });
          log('page: ' + (b && b.text));
        } else if (u.pathname === '/report') {
          resolveReport(b);
        }
      });
    }
    if (req.method === 'GET' && u.pathname === '/favicon.ico') return send(404, 'text/plain', '');
    return send(404, 'text/plain', 'not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const pageUrl = `http://127.0.0.1:${server.address().port}/peer.html?` + new URLSearchParams(query).toString();

  meta.spawned_at = Date.now();
  const env = Object.assign({}, process.env, { MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1',
    MOZ_DISABLE_AUTO_SAFE_MODE: '1' });
  const ff = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, pageUrl],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  meta.pid = ff.pid;
  const output = [];
  const keep = (stream) => stream.on('data', (d) => {
    const text = d.toString();
    output.push(text);
    if (output.length > 400) output.splice(0, output.length - 400);
    if (args.verbose) process.stderr.write(text.replace(/^/gm, '[firefox] '));
  });
  keep(ff.stdout);
  keep(ff.stderr);
  let exited = null;
  ff.on('exit', (code, signal) => { exited = { code, signal, t: Date.now() - meta.spawned_at }; });
  if (args.verbose) log('firefox pid ' + ff.pid + ', profile ' + profile + ', page ' + pageUrl);

  const askReport = (why) => {
    if (reportWhy) return;
    reportWhy = why;
    log('finishing: ' + why);
    if (waitRes) { waitRes.writeHead(200, { 'content-type': 'text/plain' }); waitRes.end(why); waitRes = null; }
  };
  let timer = null;
  const onSignal = (sig) => () => askReport(sig);
  process.on('SIGTERM', onSignal('SIGTERM'));
  process.on('SIGINT', onSignal('SIGINT'));

  // --seconds counts from the page's load (Firefox's start-up is not part of the run).
  const loaded = await Promise.race([loadedP.then(() => true), new Promise((r) => setTimeout(() => r(false), 45000)),
    new Promise((r) => { const i = setInterval(() => { if (exited || reportWhy) { clearInterval(i); r(false); } }, 100); })]);
  let report;
  if (!loaded) {
    report = { errors: [{ where: 'firefox', text: 'the page never loaded' + (exited ? ' (firefox exited ' + JSON.stringify(exited) + ')' : '') +
      (reportWhy ? ' (' + reportWhy + ')' : '') }], finished: reportWhy || 'page never loaded', remote_tracks: [] };
  } else {
    if (!reportWhy) timer = setTimeout(() => askReport('seconds'), args.seconds * 1000);
    report = await Promise.race([reportP, new Promise((r) => {
      // After asking, the page has 15 s to report; Firefox dying is an error at once.
      const i = setInterval(() => {
        if (exited) { clearInterval(i); r({ errors: [{ where: 'firefox', text: 'firefox exited ' + JSON.stringify(exited) }] }); }
      }, 100);
      const check = setInterval(() => {
        if (reportWhy) {
          clearInterval(check);
          setTimeout(() => r({ errors: [{ where: 'report', text: 'the page did not report within 15 s of ' + reportWhy }], finished: reportWhy }), 15000);
        }
      }, 100);
    })]);
  }
  clearTimeout(timer);
  report = report || {};
  report.peer = 'firefox';
  meta.run_ms = Date.now() - meta.spawned_at;
  meta.exit = exited;
  if (args.verbose || !loaded || (report.errors || []).some((e) => e.where === 'firefox' || e.where === 'report')) {
    meta.output_tail = output.join('').slice(-4000);
  }
  meta.console = console;
  report.firefox = meta;
  await stopFirefox(ff, () => exited);
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
  return { report, loaded };
}

// SIGTERM to Firefox's PID, then SIGKILL to its process group (it was started detached, so the
// group holds only Firefox and its content processes).
async function stopFirefox(ff, exited) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  if (!exited()) {
    try { process.kill(ff.pid, 'SIGTERM'); } catch (e) { /* gone */ }
    for (let i = 0; i < 30 && !exited(); i++) await sleep(100);
  }
  try { process.kill(-ff.pid, 'SIGKILL'); } catch (e) { /* group already gone */ }
}

async function main() {
  const args = parseArgs(process.argv);
  if (args.selfTest) {
    const { report, loaded } = await runFirefox(args, { mode: 'self-test', opts: '{}' });
    report.ok = !!loaded && report.frames_decoded > 0;
    if (!args.verbose) delete report.raw_stats;
    writeOut(args.report, report);
    log(`self-test ${report.ok ? 'ok' : 'FAILED'}: framesDecoded ${report.frames_decoded} (${(report.fps || 0).toFixed(1)} fps; ` +
      `encoded ${(report.encoded_fps || 0).toFixed(1)} fps), first frame ${report.first_frame_ms} ms, audioLevel max ` +
      `${report.audio_level_max}, page loaded ${report.firefox.page_loaded_ms} ms; ` +
      `settings ${JSON.stringify(report.local_settings)}; errors ${JSON.stringify(report.errors || [])}`);
    process.exit(report.ok ? 0 : 1);
  }
  const opts = {
    publish: args.publish, relayOnly: args.relayOnly, iceServers: args.iceServers || undefined,
    leaveAfterMs: args.leaveAfter !== null ? args.leaveAfter * 1000 : undefined,
    restartIceAfterMs: args.restartIceAfter !== null ? args.restartIceAfter * 1000 : undefined,
    videoCodec: args.videoCodec || undefined, videoCodecMethod: args.videoCodecMethod || undefined,
    bundlePolicy: args.bundlePolicy || undefined,
    video: { width: args.width, height: args.height, frameRate: args.fps },
  };
  const { report, loaded } = await runFirefox(args, { mode: 'peer', url: args.url, ticket: args.ticket, opts: JSON.stringify(opts) });
  writeOut(args.report, report);
  process.exit(loaded ? 0 : 3);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
