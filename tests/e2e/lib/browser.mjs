// Debian's Chromium driven by playwright-core, with Chromium's fake camera (a moving test pattern)
// and fake microphone (speech-like tone bursts from a WAV file written at launch, see
// speechLikeWav), permissions granted by the fake UI, and loopback ICE candidates
// (flags from ../shared/docs/TESTING.md and tests/integration/webrtc/chromium_peers.mjs).
//
// One browser per test; every participant is its own browser context (separate storage, cookies,
// session). `participant()` returns { name, context, page, errors } with an instrumented page:
// every RTCPeerConnection the app creates is kept in window.__plenumE2E.pcs (for getStats), and
// console errors, page exceptions and CSP violations are collected in `errors`, the signaling
// events it receives in `events`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ms } from './poll.mjs';

export const CHROMIUM = process.env.PLENUM_CHROMIUM || '/usr/lib/chromium/chromium';
export const VIEWPORT = { width: 1280, height: 800 };

export const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebSockets',
];

// Runs in every page before the app's scripts (Playwright injects it over CDP, so the page's CSP
// does not apply): keeps the app's peer connections reachable for getStats and records CSP
// violations. It changes nothing the app sees.
function instrument() {
  const state = { pcs: [], csp: [] };
  Object.defineProperty(window, '__plenumE2E', { value: state, enumerable: false });
  const Native = window.RTCPeerConnection;
  if (Native) {
    const Wrapped = function RTCPeerConnection(...args) {
      const pc = new Native(...args);
      state.pcs.push(pc);
      return pc;
    };
    Wrapped.prototype = Native.prototype;
    Object.setPrototypeOf(Wrapped, Native);
    window.RTCPeerConnection = Wrapped;
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    const id = e.target && e.target.id ? `#${e.target.id} ` : '';
    state.csp.push(`${e.violatedDirective} ${id}${e.blockedURI} at ${e.sourceFile || '?'}:${e.lineNumber}:${e.columnNumber} ${e.sample || ''}`);
  });
}

// A 4 s mono 48 kHz 16-bit WAV that Chromium's fake microphone loops: "syllables" of 180 ms (two
// tones with a smooth envelope) and 70 ms pauses. Chromium's own fake microphone beeps for about
// 25 ms every 500 ms (measured with an AnalyserNode); dominant-speaker detection, which like a
// listener wants sustained speech, picked a beeping participant only by chance, so the active
// speaker test flaked. Bursts rather than one steady tone, because noise suppression learns and
// removes stationary sounds.
export function speechLikeWav(file) {
  const rate = 48_000;
  const samples = rate * 4;
  const data = Buffer.alloc(samples * 2);
  const burst = Math.round(0.18 * rate);
  const period = Math.round(0.25 * rate);
  for (let i = 0; i < samples; i += 1) {
    const inPeriod = i % period;
    const syllable = Math.floor(i / period);
    let v = 0;
    if (inPeriod < burst) {
      const envelope = Math.sin((Math.PI * inPeriod) / burst);
      const f1 = 220 + 40 * (syllable % 5);
      const f2 = 880 + 120 * (syllable % 3);
      v = envelope * (0.3 * Math.sin((2 * Math.PI * f1 * i) / rate) + 0.15 * Math.sin((2 * Math.PI * f2 * i) / rate));
    }
    data.writeInt16LE(Math.round(v * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

export async function launchBrowser({ extraArgs = [] } = {}) {
  const audioDir = tempDir('plenum-e2e-audio-');
  const wav = speechLikeWav(path.join(audioDir, 'speech.wav'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, `--use-file-for-fake-audio-capture=${wav}`, ...extraArgs],
    ignoreDefaultArgs: ['--mute-audio'],
  });
  const contexts = [];
  return {
    browser,
    // A participant: own context (storage), own page. `locale` 'en' or 'de'; `colorScheme` light/dark.
    async participant(name, { locale = 'en-US', colorScheme = 'light', viewport = VIEWPORT } = {}) {
      const context = await browser.newContext({
        viewport, locale, colorScheme, permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
      });
      contexts.push(context);
      await context.addInitScript(instrument);
      // Playwright's own waits (clicks, waitFor, navigation) scale with PLENUM_E2E_SLOW too.
      context.setDefaultTimeout(ms(30_000));
      context.setDefaultNavigationTimeout(ms(30_000));
      const page = await context.newPage();
      const errors = [];
      // Every signaling event the page receives ({namespace, payload} of the server's frames).
      const events = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => {
        try {
          const frame = JSON.parse(String(f.payload));
          events.push({ namespace: frame.namespace, ...frame.payload });
        } catch { /* not a JSON frame */ }
      }));
      page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      if (process.env.PLENUM_E2E_VERBOSE) {
        page.on('console', (m) => process.stderr.write(`[${name} ${m.type()}] ${m.text()}\n`));
      }
      return { name, context, page, errors, events };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      fs.rmSync(audioDir, { recursive: true, force: true });
    },
  };
}

// CSP violations the page reported so far: the server's strict CSP must never block the app.
export async function cspViolations(page) {
  return page.evaluate(() => (window.__plenumE2E ? window.__plenumE2E.csp.slice() : []));
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Puts the test between `page` and the server's signaling WebSocket (call before the page opens
 *  it): every frame passes unchanged except server events whose `payload.message` is in `hold`
 *  (dropped), and `inject(namespace, payload)` delivers a server frame of the test's own. For
 *  states the server cannot be brought into on demand (the screenshot of a video paused for a
 *  slow downlink). `onServerFrame(frame)` sees every parsed server frame (e.g. to compare what the
 *  server sent with what the page shows). Returns {inject, connected()}. */
export async function controlSignaling(page, { hold = [], onServerFrame = null } = {}) {
  let route = null;
  await page.routeWebSocket(/\/signaling/, (ws) => {
    const server = ws.connectToServer();
    route = ws;
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      try {
        const frame = JSON.parse(String(m));
        onServerFrame?.(frame);
        if (hold.includes(frame.payload?.message)) return;
      } catch { /* not JSON: pass it on */ }
      ws.send(m);
    });
  });
  return {
    connected: () => route !== null,
    inject(namespace, payload) {
      if (route === null) throw new Error('the page has not opened the signaling WebSocket');
      route.send(JSON.stringify({ namespace, timestamp: Date.now(), payload }));
    },
  };
}
