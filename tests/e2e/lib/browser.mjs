// Debian's Chromium driven by playwright-core, with Chromium's fake camera (a moving test pattern)
// and fake microphone (a beep), permissions granted by the fake UI, and loopback ICE candidates
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

export async function launchBrowser({ extraArgs = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...extraArgs],
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
