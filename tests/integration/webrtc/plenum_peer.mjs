#!/usr/bin/env node
// A Plenum media participant in Node: libwebrtc (@roamhq/wrtc) + ws, speaking docs/protocol.md's
// `media` namespace through PlenumMediaSession (browser_peer.js, shared with the Chromium peer).
//
//   node plenum_peer.mjs --url ws://127.0.0.1:PORT/signaling --ticket T [--publish audio,video[,screen]]
//        [--subscribe] [--seconds N] [--relay-only] [--report FILE] [--leave-after N]
//        [--restart-ice-after N] [--unpublish-after N:SOURCE] [--mute-after N:SOURCE]
//        [--pause-video-after N:SECONDS]
//        [--width 320 --height 240 --fps 15] [--ice-servers JSON] [--quiet]
//        [--video-codec VP8|VP9|H264|AV1 [--video-codec-method munge]]
//   node plenum_peer.mjs --self-test [--seconds N] [--report FILE] [--video-codec NAME]
//
// --video-codec: the published video offers only that codec (and its RTX), through
// setCodecPreferences (or, with --video-codec-method munge / without it, by editing the offer).
//
// Publishing feeds real frames: nonstandard.RTCVideoSource with I420 frames of a moving pattern and
// nonstandard.RTCAudioSource with a 440 Hz sine (48 kHz, 10 ms frames). Subscribing counts video
// frames per remote track (RTCVideoSink) and measures the RMS of remote audio (RTCAudioSink).
// The JSON report is written at the end, on SIGTERM/SIGINT, or to stdout without --report.
// Exit code: 0 when the run completed (look at the report for what happened), 2 on bad usage,
// 3 when the session could not join.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);
const wrtc = require('@roamhq/wrtc');
const { RTCPeerConnection, RTCRtpSender, MediaStream, nonstandard } = wrtc;
const here = path.dirname(fileURLToPath(import.meta.url));
await import(path.join(here, 'browser_peer.js'));
const { PlenumMediaSession, plenumSummarizeStats } = globalThis;

// ------------------------------------------------------------------------------------------------
// Arguments

const USAGE = `usage: node plenum_peer.mjs --url ws://127.0.0.1:PORT/signaling --ticket T [--publish audio,video[,screen]]
       [--subscribe] [--seconds N] [--relay-only] [--report FILE] [--leave-after N] [--restart-ice-after N]
       [--unpublish-after N:SOURCE] [--mute-after N:SOURCE] [--pause-video-after N:SECONDS] [--width W] [--height H] [--fps F]
       [--ice-servers JSON] [--quiet] [--video-codec VP8|VP9|H264|AV1 [--video-codec-method munge]]
   or: node plenum_peer.mjs --self-test [--seconds N] [--report FILE] [--video-codec NAME [--video-codec-method munge]]`;

function parseArgs(argv) {
  const a = {
    url: null, ticket: null, publish: [], subscribe: false, seconds: 10, relayOnly: false, report: null,
    leaveAfter: null, restartIceAfter: null, unpublishAfter: [], muteAfter: [], pauseVideo: null, width: 320, height: 240,
    fps: 15, iceServers: null, quiet: false, selfTest: false, videoCodec: null, videoCodecMethod: null,
  };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) usage('bad number for ' + name + ': ' + v);
    return n;
  };
  const timed = (v, name) => {
    const m = /^([0-9.]+):([a-z_]+)$/.exec(v || '');
    if (!m) usage(name + ' wants SECONDS:SOURCE');
    return { at: num(m[1], name), source: m[2] };
  };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) usage('missing value for ' + k);
      return argv[++i];
    };
    switch (k) {
      case '--url': a.url = v(); break;
      case '--ticket': a.ticket = v(); break;
      case '--publish': a.publish = v().split(',').filter(Boolean); break;
      case '--subscribe': a.subscribe = true; break;
      case '--seconds': a.seconds = num(v(), k); break;
      case '--relay-only': a.relayOnly = true; break;
      case '--report': a.report = v(); break;
      case '--leave-after': a.leaveAfter = num(v(), k); break;
      case '--restart-ice-after': a.restartIceAfter = num(v(), k); break;
      case '--unpublish-after': a.unpublishAfter.push(timed(v(), k)); break;
      case '--mute-after': a.muteAfter.push(timed(v(), k)); break;
      case '--pause-video-after': {
        const [at, seconds] = v().split(':').map((x) => num(x, k));
        a.pauseVideo = { at, seconds };
        break;
      }
      case '--width': a.width = num(v(), k); break;
      case '--height': a.height = num(v(), k); break;
      case '--fps': a.fps = num(v(), k); break;
      case '--ice-servers': a.iceServers = JSON.parse(v()); break;
      case '--quiet': a.quiet = true; break;
      case '--video-codec': a.videoCodec = v(); break;
      case '--video-codec-method': a.videoCodecMethod = v(); break;
      case '--self-test': a.selfTest = true; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: usage('unknown argument ' + k);
    }
  }
  for (const p of a.publish) if (!['audio', 'video', 'screen'].includes(p)) usage('--publish takes audio,video,screen');
  if (!a.selfTest && (!a.url || !a.ticket)) usage('--url and --ticket are required');
  if (a.videoCodecMethod !== null && a.videoCodecMethod !== 'munge') usage('--video-codec-method takes munge');
  return a;
}

function usage(text) {
  process.stderr.write(text + '\n' + USAGE + '\n');
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// Media sources: a moving I420 pattern and a 440 Hz sine.

class PatternVideo {
  // seed varies the colours so that different publishers look different.
  constructor(width, height, fps, seed) {
    this.w = width & ~1;
    this.h = height & ~1;
    this.fps = fps;
    this.seed = seed;
    this.source = new nonstandard.RTCVideoSource();
    this.track = this.source.createTrack();
    this.n = 0;
    this.sent = 0;
    this.frame = new Uint8ClampedArray(this.w * this.h * 3 / 2);
    this.t0 = Date.now();
    this.timer = setInterval(() => this.tick(), Math.max(5, Math.floor(1000 / fps / 2)));
  }

  tick() {
    const due = Math.floor((Date.now() - this.t0) * this.fps / 1000);
    if (this.n >= due) return;
    this.n = due;
    const { w, h, frame } = this;
    const shift = (this.n * 4) % w;
    // Y: diagonal stripes moving right, a white box bouncing vertically.
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) frame[row + x] = ((x + y + shift) & 32) ? 200 : 60;
    }
    const boxY = Math.floor((Math.sin(this.n / 10) * 0.5 + 0.5) * (h - 40));
    for (let y = boxY; y < boxY + 40; y++) frame.fill(255, y * w + 20, y * w + 60);
    const u = w * h;
    const v = u + (w / 2) * (h / 2);
    frame.fill((this.seed * 53) & 255, u, v);
    frame.fill((this.seed * 97 + 128) & 255, v);
    this.source.onFrame({ width: w, height: h, data: frame });
    this.sent++;
  }

  stop() {
    clearInterval(this.timer);
    this.track.stop();
  }
}

class SineAudio {
  constructor(freq) {
    this.source = new nonstandard.RTCAudioSource();
    this.track = this.source.createTrack();
    this.freq = freq;
    this.rate = 48000;
    this.samples = new Int16Array(480);
    this.phase = 0;
    this.sent = 0;
    this.t0 = Date.now();
    this.timer = setInterval(() => this.tick(), 5);
  }

  tick() {
    // Send every 10 ms frame that is due (timers are coarse; this keeps real time).
    const due = Math.floor((Date.now() - this.t0) / 10);
    let budget = 20;
    while (this.sent < due && budget-- > 0) {
      const step = 2 * Math.PI * this.freq / this.rate;
      for (let i = 0; i < 480; i++) {
        this.samples[i] = Math.round(Math.sin(this.phase) * 0.3 * 32767);
        this.phase += step;
      }
      this.phase %= 2 * Math.PI;
      this.source.onData({ samples: this.samples, sampleRate: this.rate, bitsPerSample: 16, channelCount: 1, numberOfFrames: 480 });
      this.sent++;
    }
    if (this.sent < due) this.sent = due; // fell far behind (stalled process): skip, do not burst
  }

  stop() {
    clearInterval(this.timer);
    this.track.stop();
  }
}

// ------------------------------------------------------------------------------------------------
// Sinks: frames per remote video, RMS of remote audio.

class Sinks {
  constructor(elapsed) {
    this.elapsed = elapsed;
    this.byRecord = new Map();
  }

  attach(rec, track) {
    if (track.kind === 'video') {
      const sink = new nonstandard.RTCVideoSink(track);
      // Frame times: the largest gap between two frames and every gap over 500 ms (a freeze a
      // viewer would notice), as [ms since start of the gap's last frame, gap ms].
      rec.last_frame_ms = null;
      rec.max_frame_gap_ms = 0;
      rec.freezes = [];
      sink.onframe = ({ frame }) => {
        if (rec.ended_ms !== null) return;
        const t = this.elapsed();
        rec.frames++;
        if (rec.first_frame_ms === null) rec.first_frame_ms = t;
        if (rec.last_frame_ms !== null) {
          const gap = t - rec.last_frame_ms;
          if (gap > rec.max_frame_gap_ms) rec.max_frame_gap_ms = gap;
          if (gap > 500 && rec.freezes.length < 100) rec.freezes.push([rec.last_frame_ms, gap]);
        }
        rec.last_frame_ms = t;
        rec.frame_width = frame.width;
        rec.frame_height = frame.height;
      };
      this.byRecord.set(rec, sink);
    } else {
      const sink = new nonstandard.RTCAudioSink(track);
      let sum = 0;
      let count = 0;
      let recentSum = 0;
      let recentCount = 0;
      rec.audio_rms = 0;
      rec.audio_rms_recent = 0;
      sink.ondata = (d) => {
        if (rec.ended_ms !== null) return;
        rec.frames++;
        if (rec.first_frame_ms === null) rec.first_frame_ms = this.elapsed();
        const s = d.samples;
        let acc = 0;
        for (let i = 0; i < s.length; i++) acc += s[i] * s[i];
        sum += acc;
        count += s.length;
        recentSum += acc;
        recentCount += s.length;
        rec.audio_rms = Math.sqrt(sum / count) / 32768;
        if (recentCount >= 48000) { // about one second
          rec.audio_rms_recent = Math.sqrt(recentSum / recentCount) / 32768;
          recentSum = 0;
          recentCount = 0;
        }
        rec.sample_rate = d.sampleRate;
        rec.channels = d.channelCount;
      };
      this.byRecord.set(rec, sink);
    }
  }

  detach(rec) {
    const sink = this.byRecord.get(rec);
    if (sink) {
      sink.stop();
      this.byRecord.delete(rec);
    }
  }

  stopAll() {
    for (const rec of Array.from(this.byRecord.keys())) this.detach(rec);
  }
}

// ------------------------------------------------------------------------------------------------

function writeReport(args, report) {
  const text = JSON.stringify(report, null, 1);
  if (args.report) {
    fs.writeFileSync(args.report + '.tmp', text);
    fs.renameSync(args.report + '.tmp', args.report);
  } else {
    process.stdout.write(text + '\n');
  }
}

function makeLogger(args, t0) {
  return (text) => {
    if (!args.quiet) process.stderr.write(`[plenum_peer +${((Date.now() - t0) / 1000).toFixed(2)}s] ${text}\n`);
  };
}

async function runPeer(args) {
  const t0 = Date.now();
  const log = makeLogger(args, t0);
  let sinks = null;
  const sources = [];
  const session = new PlenumMediaSession({
    url: args.url, ticket: args.ticket, WebSocket, RTCPeerConnection, relayOnly: args.relayOnly,
    iceServers: args.iceServers, log, videoCodec: args.videoCodec, videoCodecMethod: args.videoCodecMethod, RTCRtpSender,
    onRemoteTrack: (rec, track) => {
      if (!args.subscribe) return;
      sinks.attach(rec, track);
    },
    onRemoteTrackEnded: (rec) => sinks && sinks.detach(rec),
  });
  sinks = new Sinks(() => session.elapsed());
  let finished = false;
  let finalStats = null;

  const finish = async (why) => {
    if (finished) return;
    finished = true;
    log('finishing: ' + why);
    if (!session.closed) {
      try {
        finalStats = await Promise.race([session.stats(), new Promise((r) => setTimeout(() => r(null), 3000))]);
      } catch (e) {
        session.error('stats', e);
      }
    }
    const report = session.baseReport();
    report.peer = 'wrtc';
    report.finished = why;
    report.published = Object.fromEntries(sources.map((s) => [s.name, { sent: s.src.sent }]));
    report.stats = finalStats || report.stats_at_leave || {};
    if (session.statsAtLeave) report.stats = session.statsAtLeave;
    sinks.stopAll();
    for (const s of sources) s.src.stop();
    if (!session.closed) {
      session.closed = true;
      session.closePcs();
      try { session.ws.close(1000); } catch (e) { /* closed */ }
    }
    writeReport(args, report);
    // libwebrtc threads can keep the process alive; the report is written, so leave now.
    setTimeout(() => process.exit(0), 100);
  };
  process.on('SIGTERM', () => finish('SIGTERM'));
  process.on('SIGINT', () => finish('SIGINT'));
  setTimeout(() => finish('seconds'), args.seconds * 1000);

  try {
    await session.connect(15000);
  } catch (e) {
    session.error('join', e);
    await finish('join failed');
    process.exitCode = 3;
    return;
  }
  log('joined as ' + session.participantId + ', media ' + JSON.stringify(session.media && { available: session.media.available, ice_servers: session.media.ice_servers }));

  if (!args.subscribe) {
    // Still answer subscribe offers (the server sends them to everyone), just do not attach sinks.
  }
  const tracks = {};
  const seed = parseInt((session.participantId || '0').replace(/[^0-9a-f]/g, '').slice(0, 6) || '0', 16);
  if (args.publish.includes('audio')) {
    const src = new SineAudio(440);
    sources.push({ name: 'microphone', src });
    tracks.microphone = src.track;
  }
  if (args.publish.includes('video')) {
    const src = new PatternVideo(args.width, args.height, args.fps, seed);
    sources.push({ name: 'camera', src });
    tracks.camera = src.track;
  }
  if (args.publish.includes('screen')) {
    const src = new PatternVideo(640, 360, 5, seed + 1);
    sources.push({ name: 'screen', src });
    tracks.screen = src.track;
  }
  if (Object.keys(tracks).length) {
    const stream = new MediaStream(Object.values(tracks));
    try {
      await session.publish(tracks, stream);
      log('published ' + JSON.stringify(session.publishedMids));
    } catch (e) {
      session.error('publish', e);
    }
  }
  const at = (seconds, fn) => setTimeout(() => { if (!finished && !session.closed) fn(); }, seconds * 1000);
  if (args.restartIceAfter !== null) {
    at(args.restartIceAfter, () => session.restartIce().then(() => log('ICE restarted')).catch((e) => session.error('restart_ice', e)));
  }
  for (const u of args.unpublishAfter) {
    at(u.at, () => session.unpublish(u.source).then(() => log('unpublished ' + u.source)).catch((e) => session.error('unpublish', e)));
  }
  for (const m of args.muteAfter) {
    at(m.at, () => { try { session.setMuted(m.source, true); } catch (e) { session.error('set_muted', e); } });
  }
  if (args.pauseVideo !== null) {
    const { at: start, seconds } = args.pauseVideo;
    at(start, () => log('paused videos: ' + session.setReceiveVideo(false)));
    at(start + seconds, () => log('resumed videos: ' + session.setReceiveVideo(true, args.width, args.height)));
  }
  if (args.leaveAfter !== null) {
    at(args.leaveAfter, async () => {
      session.statsAtLeave = await session.stats();
      sinks.stopAll();
      session.leave();
      log('left');
    });
  }
}

// ------------------------------------------------------------------------------------------------
// Self-test: two libwebrtc peer connections in this process, connected directly (no server), with
// the same sources, sinks and stats code. Proves that frames and audio flow and are counted.

async function selfTest(args) {
  const t0 = Date.now();
  const log = makeLogger(args, t0);
  const elapsed = () => Date.now() - t0;
  const a = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  const b = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const audio = new SineAudio(440);
  const video = new PatternVideo(args.width, args.height, args.fps, 7);
  const stream = new MediaStream([audio.track, video.track]);
  a.addTransceiver(audio.track, { direction: 'sendonly', streams: [stream] });
  const vt = a.addTransceiver(video.track, { direction: 'sendonly', streams: [stream] });
  let codecMethod = null;
  if (args.videoCodec) {
    try {
      codecMethod = args.videoCodecMethod === 'munge' ? 'munge' : globalThis.plenumPreferVideoCodec(vt, RTCRtpSender, args.videoCodec);
    } catch (e) {
      writeReport(args, { peer: 'wrtc', self_test: true, ok: false, video_codec: args.videoCodec, errors: [{ where: 'video_codec', text: e.message }] });
      log('self-test FAILED: ' + e.message);
      setTimeout(() => process.exit(1), 100);
      return;
    }
  }
  const sinks = new Sinks(elapsed);
  const records = [];
  b.ontrack = (ev) => {
    const rec = { mid: ev.transceiver.mid, participant_id: 'self-test-a', source: ev.track.kind === 'audio' ? 'microphone' : 'camera',
      kind: ev.track.kind, added_ms: elapsed(), ended_ms: null, frames: 0, first_frame_ms: null };
    records.push(rec);
    sinks.attach(rec, ev.track);
    log('ontrack ' + ev.track.kind + ' mid ' + rec.mid);
  };
  const offer = await a.createOffer();
  if (codecMethod === 'munge') await a.setLocalDescription({ type: 'offer', sdp: globalThis.plenumMungeVideoCodec(offer.sdp, args.videoCodec) });
  else await a.setLocalDescription(offer);
  await b.setRemoteDescription(a.localDescription);
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(b.localDescription);
  const seconds = Math.min(args.seconds, 60);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const stats = { sender: plenumSummarizeStats(await a.getStats()), receiver: plenumSummarizeStats(await b.getStats()) };
  const offerSdp = a.localDescription.sdp;
  sinks.stopAll();
  audio.stop();
  video.stop();
  a.close();
  b.close();
  const v = records.find((r) => r.kind === 'video');
  const au = records.find((r) => r.kind === 'audio');
  const sentCodec = (stats.sender.outbound.find((o) => o.kind === 'video') || {}).codec || null;
  const recvCodec = (stats.receiver.inbound.find((o) => o.kind === 'video') || {}).codec || null;
  const codecOk = !args.videoCodec || (recvCodec || '').toLowerCase() === 'video/' + args.videoCodec.toLowerCase();
  const ok = !!(v && v.frames > 0 && au && au.audio_rms > 0 && codecOk);
  const report = {
    peer: 'wrtc', self_test: true, ok, seconds, remote_tracks: records, stats,
    video_codec: args.videoCodec, video_codec_method: codecMethod, sent_codec: sentCodec, received_codec: recvCodec,
    published: { microphone: { sent: audio.sent }, camera: { sent: video.sent } },
    video_fps: v ? v.frames / ((elapsed() - v.first_frame_ms) / 1000) : 0,
    offer_sdp: offerSdp,
  };
  writeReport(args, report);
  log(`self-test ${ok ? 'ok' : 'FAILED'}: video frames ${v && v.frames}, audio rms ${au && au.audio_rms.toFixed(3)}, ` +
    `video codec sent ${sentCodec} received ${recvCodec}`);
  setTimeout(() => process.exit(ok ? 0 : 1), 100);
}

const args = parseArgs(process.argv);
if (args.selfTest) await selfTest(args);
else await runPeer(args);
