#!/usr/bin/env node
// Browser benchmark of the web app (issue 6): a meeting of N participants, one headless Chromium per
// participant (Debian's, fake camera + microphone), each joined through the real lobby with a guest
// link, against the release server. For grid view and then speaker view it measures, per participant:
//   - CPU of that participant's Chromium over the measuring window (CDP SystemInfo.getProcessInfo:
//     renderer processes, and every process of that browser), in % of one core;
//   - per remote tile: decoded resolution (inbound-rtp frameWidth x frameHeight) and frame rate.
// Prints a table and a JSON summary (--report FILE).
//
//   make bench-web [WEB_BENCH_ARGS="--participants 6 --seconds 20"]
//   PLENUM_TEST_BINARY=build/release/plenum tests/e2e/in-netns node bench/web_meeting_bench.mjs [--participants N]
//        [--seconds S] [--settle S] [--report FILE] [--deadline S (whole run, default 600)]
//        [--join-timeout S (until every page plays every remote video, default 180)]
// Each participant joins after the previous one is in the room; joins slowing down sharply and
// remote videos not all playing within --join-timeout mean the machine is out of CPU.
import fs from 'node:fs';
import os from 'node:os';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { inboundStats, outboundStats, videoElements } from '../tests/e2e/lib/media.mjs';
import { joinAsGuest, layoutOf, setLayout, waitForRemoteVideos } from '../tests/e2e/lib/app.mjs';

function parseArgs(argv) {
  const a = { participants: 9, seconds: 20, settle: 15, report: null, deadline: 600, joinTimeout: 180 };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--participants') a.participants = Number(v());
    else if (k === '--seconds') a.seconds = Number(v());
    else if (k === '--settle') a.settle = Number(v());
    else if (k === '--report') a.report = v();
    else if (k === '--deadline') a.deadline = Number(v());
    else if (k === '--join-timeout') a.joinTimeout = Number(v());
    else { console.error(`unknown argument ${k}`); process.exit(2); }
  }
  return a;
}

const t0 = Date.now();
const log = (s) => process.stderr.write(`[web_bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// CPU seconds of one browser's processes: {renderer, all}.
async function cpuTimes(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  let renderer = 0;
  let all = 0;
  for (const p of processInfo) {
    all += p.cpuTime;
    if (p.type === 'renderer') renderer += p.cpuTime;
  }
  return { renderer, all };
}

// Machine-wide CPU use over a window, from /proc/stat (busy share of all cores).
function procStat() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((x, y) => x + y, 0);
  return { idle, total };
}

async function measure(people, seconds) {
  const before = await Promise.all(people.map((p) => cpuTimes(p.cdp)));
  const inBefore = await Promise.all(people.map((p) => inboundStats(p.page)));
  const s0 = procStat();
  const w0 = Date.now();
  await sleep(seconds * 1000);
  const wall = (Date.now() - w0) / 1000;
  const s1 = procStat();
  const after = await Promise.all(people.map((p) => cpuTimes(p.cdp)));
  const inAfter = await Promise.all(people.map((p) => inboundStats(p.page)));
  const videos = await Promise.all(people.map((p) => videoElements(p.page)));
  const out = await Promise.all(people.map((p) => outboundStats(p.page)));
  const rows = people.map((p, i) => {
    const prev = new Map(inBefore[i].filter((s) => s.kind === 'video').map((s) => [s.ssrc, s]));
    const tiles = [];
    const byTrack = new Map(videos[i].map((v) => [v.trackId, v]));
    for (const s of inAfter[i].filter((x) => x.kind === 'video')) {
      const b = prev.get(s.ssrc);
      const fps = b ? (s.framesDecoded - b.framesDecoded) / wall : 0;
      if (fps <= 0.2) continue; // a stream that is not being received (unsubscribed, paused)
      const v = byTrack.get(s.trackIdentifier);
      tiles.push({ label: v ? v.label : null, width: s.frameWidth, height: s.frameHeight, fps: Number(fps.toFixed(1)),
        element: v ? `${v.clientWidth}x${v.clientHeight}` : null });
    }
    const sent = out[i].filter((o) => o.kind === 'video' && o.frameWidth).map((o) => `${o.rid ?? '-'}:${o.frameWidth}x${o.frameHeight}`);
    return {
      name: p.name,
      rendererCpu: Number((100 * (after[i].renderer - before[i].renderer) / wall).toFixed(1)),
      browserCpu: Number((100 * (after[i].all - before[i].all) / wall).toFixed(1)),
      tiles, sent,
    };
  });
  const machineBusy = 100 * (1 - (s1.idle - s0.idle) / Math.max(1, s1.total - s0.total));
  return { wall, machineBusy: Number(machineBusy.toFixed(1)), load: os.loadavg().map((x) => x.toFixed(1)).join(' '), rows };
}

function printPhase(name, m) {
  console.log(`\n== ${name}: ${m.rows.length} participants, ${m.wall.toFixed(1)} s window, machine ${m.machineBusy}% busy of ${os.cpus().length} cores, load average ${m.load}`);
  console.log('participant | renderer CPU % | browser CPU % | remote tiles received (decoded WxH @ fps → shown at CSS WxH) | sending (rid:WxH)');
  for (const r of m.rows) {
    const tiles = r.tiles.map((t) => `${t.width}x${t.height}@${t.fps}${t.element ? `→${t.element}` : ''}`).join(' ');
    console.log(`${r.name} | ${r.rendererCpu} | ${r.browserCpu} | ${r.tiles.length}: ${tiles} | ${r.sent.join(' ')}`);
  }
  const avg = (f) => (m.rows.reduce((a, r) => a + f(r), 0) / m.rows.length).toFixed(1);
  console.log(`mean renderer CPU ${avg((r) => r.rendererCpu)}%, mean browser CPU ${avg((r) => r.browserCpu)}%, ` +
    `mean tiles received ${avg((r) => r.tiles.length)}`);
}

async function main() {
  const args = parseArgs(process.argv);
  const server = await startServer();
  const browsers = [];
  // Stopped (Ctrl+C, SIGTERM) or over its deadline: close every browser and the server first
  // (Playwright starts each browser in a process group of its own).
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${why}`);
    for (const b of browsers) await b.close();
    await server.stop();
    process.exit(1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const deadline = setTimeout(() => void stop(`over the deadline of ${args.deadline} s`), args.deadline * 1000);
  deadline.unref();
  try {
    const owner = server.addUser({ email: 'bench@example.org', name: 'Bench', password: 'correct horse battery staple' });
    const token = await server.login(owner.email, owner.password);
    const room = await server.api('POST', '/api/v1/rooms', { token, body: { name: 'Benchmark', waiting_room: 'off' } });
    if (room.status !== 201) throw new Error('create room: ' + JSON.stringify(room));
    const invite = await server.api('POST', `/api/v1/rooms/${room.body.id}/invites`, { token, body: {} });
    if (invite.status !== 201) throw new Error('create invite: ' + JSON.stringify(invite));
    const code = invite.body.code;

    const people = [];
    for (let i = 0; i < args.participants; i++) {
      const name = `P${i + 1}`;
      const b = await launchBrowser();
      browsers.push(b);
      const p = await b.participant(name);
      p.cdp = await b.browser.newBrowserCDPSession();
      const t = Date.now();
      await joinAsGuest(p.page, server.origin, code, name);
      log(`${name} joined in ${Date.now() - t} ms`);
      people.push(p);
    }
    const expect = Math.min(args.participants - 1, 8);
    log(`waiting until every page shows ${expect} remote videos`);
    await Promise.all(people.map((p) => waitForRemoteVideos(p.page, expect, { timeout: args.joinTimeout * 1000 })));
    log(`all videos playing; settling ${args.settle} s`);
    await sleep(args.settle * 1000);
    const result = { participants: args.participants, cores: os.cpus().length, cpu: os.cpus()[0].model, phases: {} };

    for (const layout of ['grid', 'speaker']) {
      // Grid is where the room starts; switching is one page after the other (a loaded machine
      // answers slowly), then the layer choice gets time to follow the new tile sizes.
      for (const p of people) {
        if ((await layoutOf(p.page)) !== layout) await setLayout(p.page, layout, { timeout: 180_000 });
      }
      await sleep(args.settle * 1000);
      const m = await measure(people, args.seconds);
      result.phases[layout] = m;
      printPhase(`${layout} view`, m);
    }
    if (args.report) fs.writeFileSync(args.report, JSON.stringify(result, null, 1));
    const errors = people.flatMap((p) => p.errors.map((e) => `${p.name}: ${e}`));
    if (errors.length) log(`page errors:\n  ${errors.slice(0, 20).join('\n  ')}`);
  } finally {
    for (const b of browsers) await b.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
