#!/usr/bin/env node
// A stand-in for Plenum's signaling + SFU, only to check the test PEERS (plenum_peer.mjs,
// chromium_peers.mjs / browser_peer.js, aiortc_peer.py) against docs/protocol.md's `media` flow
// while the real SFU is being written. It is NOT a model of the server: libwebrtc (@roamhq/wrtc)
// decodes and re-encodes every forwarded track, it is not ICE-lite, it knows no rooms, roles or
// limits. Any ticket is accepted; everybody is in one room.
//
//   node fake_sfu.mjs [--port 0]   → prints {"ready":true,"port":N} on stdout
//
// Serves GET / (a blank page, so Chromium pages have a secure origin) and the WebSocket at
// /signaling (subprotocols plenum.v1 + ticket.<anything>).
import { createRequire } from 'node:module';
import http from 'node:http';
import crypto from 'node:crypto';
import { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
const { RTCPeerConnection } = require('@roamhq/wrtc');

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
const clients = new Set();

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><html><head><title>fake sfu</title></head><body></body></html>');
});
const wss = new WebSocketServer({
  server, path: '/signaling',
  handleProtocols: (protocols) => (protocols.has('plenum.v1') ? 'plenum.v1' : false),
});

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', check);
    setTimeout(resolve, 2000);
  });
}

function send(c, namespace, message, fields, id) {
  const f = { namespace, timestamp: Date.now(), payload: Object.assign({ message }, fields) };
  if (id !== undefined) f.id = id;
  if (c.ws.readyState === 1) c.ws.send(JSON.stringify(f));
}

// The subscribe connection of `c`: one sendonly transceiver per remote track; one offer at a time.
function renegotiate(c) {
  if (c.offering) { c.again = true; return; }
  c.offering = true;
  c.again = false;
  (async () => {
    if (!c.sub) c.sub = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    for (const other of clients) {
      if (other === c) continue;
      for (const [source, t] of other.tracks) {
        const key = other.id + '/' + source;
        if (!c.sending.has(key)) {
          const tr = c.sub.addTransceiver(t.track, { direction: 'sendonly' });
          c.sending.set(key, { tr, participant_id: other.id, source, kind: t.track.kind });
        }
      }
    }
    for (const [key, s] of c.sending) {
      const [pid, source] = key.split('/');
      const owner = [...clients].find((x) => x.id === pid);
      if (!owner || !owner.tracks.has(source)) {
        s.tr.sender.replaceTrack(null);
        s.tr.direction = 'inactive';
        c.sending.delete(key);
      }
    }
    await c.sub.setLocalDescription(await c.sub.createOffer());
    await gathered(c.sub);
    c.version++;
    const tracks = [...c.sending.values()].map((s) => ({ mid: s.tr.mid, participant_id: s.participant_id, source: s.source, kind: s.kind }));
    c.waitingVersion = c.version;
    send(c, 'media', 'subscribe_offer', { sdp: c.sub.localDescription.sdp, version: c.version, tracks });
  })().catch((e) => { console.error('renegotiate', e); c.offering = false; });
}

wss.on('connection', (ws) => {
  const c = { ws, id: crypto.randomUUID(), tracks: new Map(), sending: new Map(), version: 0, pub: null, sub: null };
  clients.add(c);
  send(c, 'control', 'join_success', {
    participant_id: c.id, resumption_token: 'x', room: {}, participants: [],
    modules: { media: { available: true, ice_servers: [], publications: [], presenters: [], speaking_times: [] } },
  });
  ws.on('message', async (data) => {
    const f = JSON.parse(String(data));
    const p = f.payload || {};
    try {
      if (f.namespace === 'media' && p.action === 'publish') {
        if (!c.pub) {
          c.pub = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
          c.pub.ontrack = (ev) => {
            const source = Object.keys(c.mids).find((s) => c.mids[s] === ev.transceiver.mid);
            if (!source) return;
            c.tracks.set(source, { track: ev.track });
            for (const other of clients) {
              if (other !== c) {
                send(other, 'media', 'publications_changed', { participant_id: c.id, publications: [...c.tracks.keys()].map((s) => ({ participant_id: c.id, source: s, muted: false })) });
                renegotiate(other);
              }
            }
          };
        }
        c.mids = {};
        for (const s of ['microphone', 'camera', 'screen', 'screen_audio']) if (p[s]) c.mids[s] = p[s];
        await c.pub.setRemoteDescription({ type: 'offer', sdp: p.sdp });
        await c.pub.setLocalDescription(await c.pub.createAnswer());
        await gathered(c.pub);
        send(c, 'media', 'publish_answer', { sdp: c.pub.localDescription.sdp }, f.id);
      } else if (f.namespace === 'media' && p.action === 'subscribe_answer') {
        if (p.version !== c.waitingVersion) {
          send(c, 'media', 'error', { code: 'stale', text: 'not the current offer' }, f.id);
          return;
        }
        await c.sub.setRemoteDescription({ type: 'answer', sdp: p.sdp });
        c.offering = false;
        if (c.again) renegotiate(c);
      } else if (f.namespace === 'control' && p.action === 'leave') {
        ws.close(1000);
      } else if (f.namespace === 'control' && p.action === 'ping') {
        send(c, 'control', 'pong', {}, f.id);
      } else {
        send(c, f.namespace, 'error', { code: 'unknown_action', text: 'the fake SFU does not do ' + p.action }, f.id);
      }
    } catch (e) {
      send(c, f.namespace, 'error', { code: 'invalid_sdp', text: String(e.message || e) }, f.id);
    }
  });
  ws.on('close', () => {
    clients.delete(c);
    for (const pc of [c.pub, c.sub]) if (pc) pc.close();
    for (const other of clients) {
      send(other, 'media', 'publications_changed', { participant_id: c.id, publications: [] });
      renegotiate(other);
    }
  });
  // Someone who joins late gets what is already published.
  if ([...clients].some((o) => o !== c && o.tracks.size)) setTimeout(() => renegotiate(c), 100);
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: true, port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
