// Plenum media client: the `media` namespace of docs/protocol.md spoken by a real WebRTC stack.
//
// Plain JavaScript with no import/export, so the same file is
//   - injected into a Chromium page (classic script) by chromium_peers.mjs, or loaded by the page
//     firefox_peer.mjs serves to Firefox, where it defines
//     window.plenumPeer = {start(url, ticket, options), report(), ...} on top of getUserMedia, and
//   - imported by plenum_peer.mjs (Node, @roamhq/wrtc + ws), which uses PlenumMediaSession with
//     its own media sources and sinks.
// The protocol logic (join, publish offer/answer, server-offered subscribe connection, mid →
// participant mapping, events, errors, leave, ICE restart) lives only in PlenumMediaSession.
(function (G) {
  'use strict';

  const SOURCES = ['microphone', 'camera', 'screen', 'screen_audio'];

  // Fields of getStats() entries that the reports keep (absent fields are skipped).
  const INBOUND = ['kind', 'mid', 'ssrc', 'trackIdentifier', 'packetsReceived', 'packetsLost', 'bytesReceived',
    'framesDecoded', 'framesReceived', 'framesDropped', 'keyFramesDecoded', 'frameWidth', 'frameHeight',
    'framesPerSecond', 'nackCount', 'pliCount', 'firCount', 'jitter', 'audioLevel', 'totalAudioEnergy',
    'totalSamplesReceived', 'concealedSamples', 'decoderImplementation', 'codecId', 'retransmittedPacketsReceived',
    'retransmittedBytesReceived', 'fecPacketsReceived', 'freezeCount', 'totalFreezesDuration', 'pauseCount',
    'totalPausesDuration'];
  const OUTBOUND = ['kind', 'mid', 'ssrc', 'packetsSent', 'bytesSent', 'framesEncoded', 'framesSent',
    'keyFramesEncoded', 'frameWidth', 'frameHeight', 'framesPerSecond', 'nackCount', 'pliCount', 'firCount',
    'retransmittedPacketsSent', 'qualityLimitationReason', 'encoderImplementation', 'codecId'];

  function pick(src, keys) {
    const out = {};
    for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
    return out;
  }

  // A compact, JSON-friendly view of an RTCStatsReport: inbound/outbound RTP, codecs, the selected
  // candidate pair with its local and remote candidates, and the transport.
  function summarizeStats(report) {
    const all = new Map();
    report.forEach((s) => all.set(s.id, s));
    const out = { inbound: [], outbound: [], codecs: {}, candidate_pair: null, transport: null, local_candidates: [],
      candidate_pairs: [] };
    let selectedPairId = null;
    for (const s of all.values()) {
      if (s.type === 'transport') {
        out.transport = pick(s, ['dtlsState', 'iceState', 'iceRole', 'srtpCipher', 'dtlsCipher', 'tlsVersion',
          'bytesSent', 'bytesReceived', 'packetsSent', 'packetsReceived']);
        if (s.selectedCandidatePairId) selectedPairId = s.selectedCandidatePairId;
      }
    }
    for (const s of all.values()) {
      if (s.type === 'inbound-rtp') out.inbound.push(pick(s, INBOUND));
      else if (s.type === 'outbound-rtp') out.outbound.push(pick(s, OUTBOUND));
      else if (s.type === 'codec') out.codecs[s.id] = pick(s, ['mimeType', 'payloadType', 'clockRate', 'channels', 'sdpFmtpLine']);
      else if (s.type === 'local-candidate') out.local_candidates.push((s.candidateType || '?') + ' ' + (s.address || s.ip) + ':' + s.port + (s.url ? ' ' + s.url : ''));
      if (s.type === 'candidate-pair') out.candidate_pairs.push(s.state + (s.nominated ? ' nominated' : '') + ' req ' + (s.requestsSent || 0) + ' resp ' + (s.responsesReceived || 0));
      if (s.type === 'candidate-pair' && !selectedPairId && (s.selected || s.nominated) && s.state === 'succeeded') selectedPairId = s.id;
    }
    const pair = selectedPairId && all.get(selectedPairId);
    if (pair) {
      const cand = (id) => {
        const c = all.get(id);
        return c ? pick(c, ['candidateType', 'protocol', 'address', 'ip', 'port', 'relayProtocol', 'url']) : null;
      };
      out.candidate_pair = Object.assign(pick(pair, ['state', 'nominated', 'bytesSent', 'bytesReceived',
        'currentRoundTripTime', 'availableOutgoingBitrate', 'requestsSent', 'responsesReceived']),
      { local: cand(pair.localCandidateId), remote: cand(pair.remoteCandidateId) });
    }
    const used = {};
    for (const r of out.inbound.concat(out.outbound)) {
      const c = r.codecId && out.codecs[r.codecId];
      if (c) {
        r.codec = c.mimeType;
        used[c.payloadType + ' ' + c.mimeType] = c;
      }
      delete r.codecId;
    }
    out.codecs = Object.values(used); // only the codecs in use
    return out;
  }

  function describeError(e) {
    return e && e.message ? e.message : String(e);
  }


  // ---------------------------------------------------------------------------------------------
  // Choosing the video codec a publisher sends (--video-codec NAME: VP8, VP9, H264, AV1).
  // Preferred: RTCRtpTransceiver.setCodecPreferences with the codecs of
  // RTCRtpSender.getCapabilities('video') whose mime type is video/NAME, plus RTX (the codec's
  // retransmission format). Fallback (no setCodecPreferences): the offer's m=video sections are
  // munged to keep only NAME's payload types and the rtx whose apt names one of them.

  function videoCodecMime(name) {
    return 'video/' + String(name).toLowerCase();
  }

  // The capability entries to keep (codec + rtx), or null when the stack cannot send `name`.
  function videoCodecPreferences(Sender, name) {
    if (!Sender || typeof Sender.getCapabilities !== 'function') return null;
    const caps = Sender.getCapabilities('video');
    if (!caps || !caps.codecs) return null;
    const want = videoCodecMime(name);
    const main = caps.codecs.filter((c) => c.mimeType.toLowerCase() === want);
    if (!main.length) return [];
    return main.concat(caps.codecs.filter((c) => c.mimeType.toLowerCase() === 'video/rtx'));
  }

  // Applies the preference on a video transceiver. Returns 'setCodecPreferences' or 'munge'
  // (the caller must then munge the offer); throws when the stack cannot send `name`.
  function preferVideoCodec(transceiver, Sender, name) {
    if (typeof transceiver.setCodecPreferences !== 'function') return 'munge';
    const prefs = videoCodecPreferences(Sender, name);
    if (prefs === null) return 'munge';
    if (!prefs.length) {
      const have = Sender.getCapabilities('video').codecs.map((c) => c.mimeType);
      throw new Error('this stack cannot send ' + name + ' (sender capabilities: ' + Array.from(new Set(have)).join(', ') + ')');
    }
    transceiver.setCodecPreferences(prefs);
    return 'setCodecPreferences';
  }

  // Keeps only `name` (and its rtx) in every m=video section of `sdp`. Throws when a section has
  // no payload type of `name`.
  function mungeVideoCodec(sdp, name) {
    const eol = sdp.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
    const parts = sdp.split(/\r?\n(?=m=)/);
    const want = String(name).toLowerCase();
    return parts.map((part, i) => {
      if (i === 0 || !/^m=video /.test(part)) return part;
      const lines = part.split(/\r?\n/);
      const rtpmap = new Map();
      const apt = new Map();
      for (const l of lines) {
        let m = /^a=rtpmap:(\d+) ([^/\s]+)/.exec(l);
        if (m) rtpmap.set(m[1], m[2].toLowerCase());
        m = /^a=fmtp:(\d+) .*\bapt=(\d+)/.exec(l);
        if (m) apt.set(m[1], m[2]);
      }
      const keep = new Set();
      for (const [pt, codec] of rtpmap) if (codec === want) keep.add(pt);
      if (!keep.size) throw new Error('the offer\'s m=video section has no ' + name + ' (has ' + Array.from(new Set(rtpmap.values())).join(', ') + ')');
      for (const [pt, codec] of rtpmap) if (codec === 'rtx' && keep.has(apt.get(pt))) keep.add(pt);
      const m = lines[0].split(' ');
      const pts = m.slice(3).filter((pt) => keep.has(pt));
      lines[0] = m.slice(0, 3).concat(pts).join(' ');
      return lines.filter((l, j) => {
        if (j === 0) return true;
        const x = /^a=(rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(l);
        return !x || keep.has(x[2]);
      }).join(eol);
    }).join(eol);
  }

  class PlenumMediaSession {
    // opts: url, ticket | resume, WebSocket (constructor), RTCPeerConnection (constructor), relayOnly,
    //       iceServers (override the server's), onRemoteTrack(record, track, transceiver),
    //       onRemoteTrackEnded(record), log(text), videoCodec ('VP8' | 'VP9' | 'H264' | 'AV1': the
    //       only codec offered for published video), RTCRtpSender (for getCapabilities),
    //       videoCodecMethod ('munge' forces the SDP fallback), bundlePolicy (default 'max-bundle')
    constructor(opts) {
      this.o = opts;
      this.t0 = Date.now();
      this.participantId = null;
      this.join = null;
      this.media = null;                 // join_success.payload.modules.media
      this.events = [];                  // every media event: {t, server_ts, id?, message, payload}
      this.controlEvents = [];           // control / waiting_room events other than pong
      this.errors = [];                  // server error frames and local failures
      this.sdp = [];                     // every SDP exchanged: {t, pc, type, sdp}
      this.states = [];                  // local peer connection state changes
      this.remote = [];                  // every remote track record ever seen (see report())
      this.current = new Map();          // mid -> record currently carried by that mid
      this.trackInfo = new Map();        // mid -> SubscribedTrack of the latest applied offer
      this.pending = new Map();          // frame id -> {resolve, reject, expect}
      this.seq = 0;
      this.pubPc = null;
      this.subPc = null;
      this.pubTransceivers = {};         // source -> transceiver
      this.pubStream = null;
      this.subChain = Promise.resolve();
      this.subVersion = 0;
      this.offersApplied = 0;
      this.closed = false;
      this.ws = null;
    }

    elapsed() { return Date.now() - this.t0; }

    log(text) { if (this.o.log) this.o.log(text); }

    error(where, e, extra) {
      const entry = Object.assign({ t: this.elapsed(), where, text: describeError(e) }, extra || {});
      this.errors.push(entry);
      this.log('error ' + where + ': ' + entry.text);
      return entry;
    }

    // Opens the signaling WebSocket and resolves with join_success.payload (waits through the
    // waiting room). Rejects when the connection closes first.
    connect(timeoutMs) {
      const WS = this.o.WebSocket;
      const credential = this.o.resume ? 'resume.' + this.o.resume : 'ticket.' + this.o.ticket;
      return new Promise((resolve, reject) => {
        let ws;
        try {
          ws = new WS(this.o.url, ['plenum.v1', credential]);
        } catch (e) {
          reject(e);
          return;
        }
        this.ws = ws;
        this.joinWaiter = { resolve, reject };
        const timer = setTimeout(() => {
          if (this.joinWaiter) { this.joinWaiter = null; reject(new Error('no join_success within ' + timeoutMs + ' ms')); }
        }, timeoutMs || 15000);
        ws.onmessage = (ev) => {
          let frame;
          try {
            frame = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
          } catch (e) {
            this.error('signaling', 'unparsable frame: ' + String(ev.data).slice(0, 200));
            return;
          }
          this.onFrame(frame);
          if (this.join && this.joinWaiter) {
            clearTimeout(timer);
            const w = this.joinWaiter;
            this.joinWaiter = null;
            w.resolve(this.join);
          }
        };
        ws.onclose = (ev) => {
          this.wsClose = { t: this.elapsed(), code: ev.code, reason: ev.reason };
          this.log('signaling closed ' + ev.code + ' ' + ev.reason);
          for (const w of this.pending.values()) w.reject(new Error('signaling closed ' + ev.code));
          this.pending.clear();
          if (this.joinWaiter) {
            clearTimeout(timer);
            const w = this.joinWaiter;
            this.joinWaiter = null;
            w.reject(new Error('signaling closed before join_success: ' + ev.code + ' ' + ev.reason));
          }
        };
        ws.onerror = () => { /* onclose follows and carries the code */ };
      });
    }

    send(namespace, action, fields, id) {
      const frame = { namespace, payload: Object.assign({ action }, fields || {}) };
      if (id !== undefined) frame.id = id;
      if (!this.ws || this.ws.readyState !== 1) throw new Error('signaling is not open');
      this.ws.send(JSON.stringify(frame));
    }

    // Sends a frame with a fresh id and resolves with the reply `expect` (same id); rejects on an
    // error frame with that id.
    request(namespace, action, fields, expect, timeoutMs) {
      const id = action.slice(0, 3) + (++this.seq);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          if (this.pending.delete(id)) reject(new Error('no ' + namespace + '/' + expect + ' for ' + id + ' within ' + (timeoutMs || 10000) + ' ms'));
        }, timeoutMs || 10000);
        this.pending.set(id, {
          expect,
          resolve: (f) => { clearTimeout(timer); resolve(f); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        try {
          this.send(namespace, action, fields, id);
        } catch (e) {
          this.pending.delete(id);
          clearTimeout(timer);
          reject(e);
        }
      });
    }

    onFrame(f) {
      const p = f.payload || {};
      const ns = f.namespace;
      const msg = p.message;
      const t = this.elapsed();
      if (msg === 'error') {
        const e = { t, where: 'server', namespace: ns, id: f.id, code: p.code, text: p.text };
        if (p.field !== undefined) e.field = p.field;
        this.errors.push(e);
        this.log('server error ' + JSON.stringify(e));
        const w = f.id !== undefined && this.pending.get(f.id);
        if (w) {
          this.pending.delete(f.id);
          const err = new Error(ns + '/error ' + p.code + ': ' + p.text);
          err.plenum = e;
          w.reject(err);
        }
        return;
      }
      if (ns === 'media') {
        const payload = Object.assign({}, p);
        delete payload.message;
        if (payload.sdp !== undefined) {
          this.sdp.push({ t, pc: msg === 'publish_answer' ? 'publish' : 'subscribe', type: msg === 'publish_answer' ? 'answer' : 'offer', sdp: payload.sdp });
          payload.sdp_length = payload.sdp.length;
          delete payload.sdp;
        }
        const ev = { t, server_ts: f.timestamp, message: msg, payload };
        if (f.id !== undefined) ev.id = f.id;
        this.events.push(ev);
        if (msg === 'subscribe_offer') this.onSubscribeOffer(p);
      } else if (ns === 'control' && msg === 'join_success') {
        this.join = p;
        this.participantId = p.participant_id;
        this.media = (p.modules && p.modules.media) || null;
        this.controlEvents.push({ t, message: msg, participant_id: p.participant_id });
        if (this.media && this.media.available === false) this.error('join', 'media.available is false');
      } else if (msg !== 'pong') {
        this.controlEvents.push({ t, namespace: ns, message: msg, payload: p });
      }
      if (f.id !== undefined) {
        const w = this.pending.get(f.id);
        if (w && w.expect === msg) {
          this.pending.delete(f.id);
          w.resolve(f);
        }
      }
    }

    iceServers() {
      if (this.o.iceServers) return this.o.iceServers;
      return (this.media && this.media.ice_servers) || [];
    }

    newPc(name) {
      const config = { iceServers: this.iceServers(), bundlePolicy: this.o.bundlePolicy || 'max-bundle', rtcpMuxPolicy: 'require' };
      if (this.o.relayOnly) config.iceTransportPolicy = 'relay';
      const pc = new this.o.RTCPeerConnection(config);
      const note = (what) => () => {
        const state = pc[what];
        this.states.push({ t: this.elapsed(), pc: name, what, state });
        this.log(name + ' ' + what + ' ' + state);
      };
      pc.onconnectionstatechange = note('connectionState');
      pc.oniceconnectionstatechange = note('iceConnectionState');
      return pc;
    }

    // tracks: {microphone?: MediaStreamTrack, camera?: ..., screen?: ..., screen_audio?: ...}.
    // Adds a sendonly transceiver per new source and (re)negotiates; resolves with the answer.
    async publish(tracks, stream) {
      if (!this.pubPc) this.pubPc = this.newPc('publish');
      for (const source of SOURCES) {
        const track = tracks[source];
        if (!track) continue;
        const existing = this.pubTransceivers[source];
        if (existing) {
          await existing.sender.replaceTrack(track);
          existing.direction = 'sendonly';
        } else {
          const init = { direction: 'sendonly' };
          if (stream) init.streams = [stream];
          const tr = this.pubPc.addTransceiver(track, init);
          this.pubTransceivers[source] = tr;
          if (this.o.videoCodec && track.kind === 'video') {
            const method = this.o.videoCodecMethod === 'munge' ? 'munge'
              : preferVideoCodec(tr, this.o.RTCRtpSender, this.o.videoCodec);
            this.videoCodecMethod = method;
            if (method === 'munge') this.mungeVideo = true;
          }
        }
      }
      return this.negotiatePublish();
    }

    // Stops sending `source`; the next offer leaves it out, which unpublishes it.
    async unpublish(source) {
      const tr = this.pubTransceivers[source];
      if (!tr) throw new Error('not publishing ' + source);
      delete this.pubTransceivers[source];
      tr.direction = 'inactive';
      await tr.sender.replaceTrack(null);
      return this.negotiatePublish();
    }

    async negotiatePublish(options) {
      const pc = this.pubPc;
      const offer = await pc.createOffer(options || {});
      if (this.mungeVideo) {
        // libwebrtc accepts an offer with codecs removed (not one with codecs added).
        await pc.setLocalDescription({ type: 'offer', sdp: mungeVideoCodec(offer.sdp, this.o.videoCodec) });
      } else {
        await pc.setLocalDescription(offer);
      }
      const sdp = pc.localDescription.sdp;
      this.sdp.push({ t: this.elapsed(), pc: 'publish', type: 'offer', sdp });
      const fields = { sdp };
      for (const [source, tr] of Object.entries(this.pubTransceivers)) fields[source] = tr.mid;
      this.publishedMids = Object.assign({}, fields);
      delete this.publishedMids.sdp;
      const reply = await this.request('media', 'publish', fields, 'publish_answer', this.o.replyTimeoutMs);
      await pc.setRemoteDescription({ type: 'answer', sdp: reply.payload.sdp });
      return reply.payload;
    }

    onSubscribeOffer(p) {
      this.subChain = this.subChain.then(() => this.applySubscribeOffer(p)).catch((e) => {
        this.error('subscribe_offer', e, { version: p.version });
      });
    }

    async applySubscribeOffer(p) {
      if (this.closed) return;
      if (!this.subPc) {
        this.subPc = this.newPc('subscribe');
        this.subPc.ontrack = (ev) => this.onTrack(ev);
      }
      const pc = this.subPc;
      this.trackInfo = new Map();
      for (const t of p.tracks || []) this.trackInfo.set(t.mid, t);
      await pc.setRemoteDescription({ type: 'offer', sdp: p.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      const sdp = pc.localDescription.sdp;
      this.sdp.push({ t: this.elapsed(), pc: 'subscribe', type: 'answer', sdp });
      this.send('media', 'subscribe_answer', { sdp, version: p.version }, 'sub' + p.version);
      this.subVersion = p.version;
      this.offersApplied++;
      // The mid → participant mapping of this offer: a mid whose entry changed starts a new record,
      // a mid no longer listed (or a stopped / inactive m-section) ends its record.
      const live = new Map();
      for (const tr of pc.getTransceivers()) {
        const stopped = tr.stopped || tr.currentDirection === 'inactive' || tr.currentDirection === 'stopped';
        if (tr.mid !== null && !stopped) live.set(tr.mid, tr);
      }
      for (const [mid, rec] of Array.from(this.current.entries())) {
        const info = this.trackInfo.get(mid);
        if (!live.has(mid) || !info || info.participant_id !== rec.participant_id || info.source !== rec.source) {
          this.endRecord(rec);
        }
      }
      for (const [mid, info] of this.trackInfo) {
        const tr = live.get(mid);
        if (tr && !this.current.has(mid) && tr.receiver && tr.receiver.track) {
          this.startRecord(info, tr.receiver.track, tr);
        }
      }
    }

    onTrack(ev) {
      const tr = ev.transceiver;
      const mid = tr ? tr.mid : null;
      const info = mid !== null ? this.trackInfo.get(mid) : null;
      if (!info) {
        this.error('ontrack', 'a track on mid ' + mid + ' that the offer\'s tracks do not name');
        return;
      }
      const rec = this.current.get(mid);
      if (rec && rec.participant_id === info.participant_id && rec.source === info.source) return;
      if (rec) this.endRecord(rec);
      this.startRecord(info, ev.track, tr);
    }

    startRecord(info, track, transceiver) {
      const rec = {
        mid: info.mid, participant_id: info.participant_id, source: info.source, kind: info.kind,
        track_kind: track.kind, added_ms: this.elapsed(), ended_ms: null,
        frames: 0, first_frame_ms: null,
      };
      if (track.kind !== info.kind) this.error('ontrack', 'mid ' + info.mid + ' is ' + track.kind + ' but tracks says ' + info.kind);
      this.remote.push(rec);
      this.current.set(info.mid, rec);
      this.log('remote ' + info.kind + ' ' + info.source + ' of ' + info.participant_id + ' on mid ' + info.mid);
      if (this.o.onRemoteTrack) {
        try { this.o.onRemoteTrack(rec, track, transceiver); } catch (e) { this.error('onRemoteTrack', e); }
      }
    }

    endRecord(rec) {
      rec.ended_ms = this.elapsed();
      if (this.current.get(rec.mid) === rec) this.current.delete(rec.mid);
      if (this.o.onRemoteTrackEnded) {
        try { this.o.onRemoteTrackEnded(rec); } catch (e) { this.error('onRemoteTrackEnded', e); }
      }
    }

    // ICE restart: the publish connection with a new offer, the subscribe connection by asking the
    // server for a new offer.
    async restartIce() {
      const jobs = [];
      if (this.pubPc) jobs.push(this.negotiatePublish({ iceRestart: true }));
      if (this.subPc) this.send('media', 'restart_subscribe', {}, 'rst' + (++this.seq));
      await Promise.all(jobs);
    }

    // media set_receive: pause (enabled false) or resume the subscribed videos of the others.
    setReceiveVideo(enabled, width, height) {
      const mids = Array.from(this.trackInfo.values()).filter((t) => t.kind === 'video').map((t) => t.mid);
      if (mids.length === 0) return 0;
      const fields = { mids, enabled };
      if (width) fields.width = width;
      if (height) fields.height = height;
      this.send('media', 'set_receive', fields, 'rcv' + (++this.seq));
      return mids.length;
    }

    setMuted(source, muted) {
      this.send('media', 'set_muted', { source, muted }, 'mut' + (++this.seq));
    }

    async stats() {
      const out = {};
      for (const [name, pc] of [['publish', this.pubPc], ['subscribe', this.subPc]]) {
        if (!pc || pc.connectionState === 'closed') continue;
        try {
          out[name] = summarizeStats(await pc.getStats());
          out[name].connection_state = pc.connectionState;
          out[name].ice_connection_state = pc.iceConnectionState;
        } catch (e) {
          this.error('getStats ' + name, e);
        }
      }
      return out;
    }

    closePcs() {
      for (const rec of Array.from(this.current.values())) this.endRecord(rec);
      for (const pc of [this.pubPc, this.subPc]) {
        if (pc && pc.connectionState !== 'closed') {
          try { pc.close(); } catch (e) { this.error('close', e); }
        }
      }
    }

    // control/leave, then close both peer connections and the WebSocket.
    leave() {
      if (this.closed) return;
      this.closed = true;
      try { this.send('control', 'leave', {}, 'leave'); } catch (e) { this.error('leave', e); }
      this.closePcs();
      try { this.ws.close(1000); } catch (e) { /* already closed */ }
    }

    baseReport() {
      return {
        participant_id: this.participantId,
        url: this.o.url,
        started_at: this.t0,
        duration_ms: this.elapsed(),
        ice_servers: this.iceServers(),
        relay_only: !!this.o.relayOnly,
        bundle_policy: this.o.bundlePolicy || 'max-bundle',
        media_available: this.media ? this.media.available : null,
        media_at_join: this.media,         // join_success modules.media (publications, presenters, ...)
        published_mids: this.publishedMids || {},
        video_codec: this.o.videoCodec || null,          // requested for published video (null: the stack's default)
        video_codec_method: this.videoCodecMethod || null,  // 'setCodecPreferences' | 'munge'
        subscribe_version: this.subVersion,
        subscribe_offers_applied: this.offersApplied,
        remote_tracks: this.remote,
        events: this.events,
        control_events: this.controlEvents,
        pc_states: this.states,
        errors: this.errors,
        signaling_close: this.wsClose || null,
        sdp: this.sdp,
      };
    }
  }

  G.PlenumMediaSession = PlenumMediaSession;
  G.plenumSummarizeStats = summarizeStats;
  G.plenumPreferVideoCodec = preferVideoCodec;
  G.plenumMungeVideoCodec = mungeVideoCodec;

  // ---------------------------------------------------------------------------------------------
  // In a page: window.plenumPeer on top of getUserMedia (Chromium's fake devices in tests).
  if (typeof G.document === 'undefined' || typeof G.navigator === 'undefined' || !G.navigator.mediaDevices) return;

  const STATS_INTERVAL_MS = 250;

  function videoElement(label) {
    const box = G.document.createElement('figure');
    box.style.cssText = 'display:inline-block;margin:4px;font:12px sans-serif';
    const v = G.document.createElement('video');
    v.autoplay = true;
    v.muted = true;
    v.playsInline = true;
    v.width = 320;
    v.height = 240;
    v.style.background = '#222';
    const cap = G.document.createElement('figcaption');
    cap.textContent = label;
    box.appendChild(v);
    box.appendChild(cap);
    (G.document.body || G.document.documentElement).appendChild(box);
    return { box, v };
  }

  // A "screen" without a screen picker: a canvas with a moving pattern.
  function canvasScreenTrack(fps) {
    const c = G.document.createElement('canvas');
    c.width = 640;
    c.height = 360;
    const ctx = c.getContext('2d');
    let n = 0;
    const draw = () => {
      n++;
      ctx.fillStyle = '#123';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.fillStyle = '#fc3';
      ctx.fillRect((n * 8) % c.width, 40, 80, 280);
      ctx.fillStyle = '#fff';
      ctx.font = '32px sans-serif';
      ctx.fillText('screen ' + n, 20, 40);
    };
    draw();
    const timer = setInterval(draw, 1000 / fps);
    const track = c.captureStream(fps).getVideoTracks()[0];
    track.addEventListener('ended', () => clearInterval(timer));
    return { track, stop: () => clearInterval(timer) };
  }

  const peer = {
    session: null,
    local: null,
    screen: null,
    timeline: [],
    started: null,
    elements: new Map(),
    receivers: new Map(), // record -> {transceiver, baseFrom}
    lastByMid: new Map(), // mid -> {ssrc, decoded} at the last sample

    // options: publish ['audio','video'] (default both), screen (bool), subscribe (default true),
    //          relayOnly, iceServers, leaveAfterMs, restartIceAfterMs, video {width,height,frameRate},
    //          videoCodec ('VP9', 'H264', 'AV1', ...), videoCodecMethod ('munge' forces SDP munging),
    //          bundlePolicy ('max-bundle' by default; firefox_peer.mjs can ask for 'balanced')
    async start(url, ticket, options) {
      options = options || {};
      const publish = options.publish || ['audio', 'video'];
      const session = new PlenumMediaSession({
        url, ticket, resume: options.resume, WebSocket: G.WebSocket, RTCPeerConnection: G.RTCPeerConnection,
        relayOnly: !!options.relayOnly, iceServers: options.iceServers, replyTimeoutMs: options.replyTimeoutMs,
        videoCodec: options.videoCodec, videoCodecMethod: options.videoCodecMethod, RTCRtpSender: G.RTCRtpSender,
        bundlePolicy: options.bundlePolicy,
        log: (text) => G.console.log('[plenum] ' + text),
        onRemoteTrack: (rec, track, transceiver) => this.attach(rec, track, transceiver),
        onRemoteTrackEnded: (rec) => this.detach(rec),
      });
      this.session = session;
      this.started = session.t0;
      // Camera and microphone first, like a web app's preview before joining: Chromium enumerates
      // networks for ICE only once the page has media permission or can find a default route, so
      // in a namespace with nothing but loopback a relay-only connection made before getUserMedia
      // (e.g. the subscribe connection, whose offer comes right after join) gathers no candidates.
      const tracks = {};
      const want = { audio: publish.includes('audio'), video: publish.includes('video') };
      if (want.audio || want.video) {
        const video = want.video ? (options.video || { width: 320, height: 240, frameRate: 15 }) : false;
        this.local = await G.navigator.mediaDevices.getUserMedia({ audio: want.audio, video });
        if (want.audio) tracks.microphone = this.local.getAudioTracks()[0];
        if (want.video) tracks.camera = this.local.getVideoTracks()[0];
      }
      // Relay only: Chromium 156 gathered no candidates at all for a relay-only connection made
      // while no other connection of the page had gathered yet (the subscribe connection, whose
      // first offer comes right after join when others already publish); made after the publish
      // connection has negotiated, it gathers its relay candidate. So hold subscribe offers
      // until then (the server waits for the answer; offers still apply in order).
      let openGate = null;
      if (options.relayOnly && Object.keys(tracks).length + (options.screen ? 1 : 0) > 0) {
        session.subChain = new Promise((resolve) => { openGate = resolve; });
      }
      await session.connect(options.joinTimeoutMs || 15000);
      this.statsTimer = setInterval(() => this.sample(), STATS_INTERVAL_MS);
      if (options.screen) {
        this.screen = canvasScreenTrack(options.screenFps || 5);
        tracks.screen = this.screen.track;
      }
      if (Object.keys(tracks).length) {
        try {
          await session.publish(tracks, this.local || undefined);
        } catch (e) {
          session.error('publish', e);
        }
      }
      if (openGate) openGate();
      if (options.restartIceAfterMs) {
        setTimeout(() => session.restartIce().catch((e) => session.error('restart_ice', e)), options.restartIceAfterMs);
      }
      if (options.leaveAfterMs) setTimeout(() => this.leave(), options.leaveAfterMs);
      return { participant_id: session.participantId };
    },

    attach(rec, track, transceiver) {
      // A mid that carried someone else before (same receiver, same SSRC): count from here.
      this.receivers.set(rec, { transceiver, baseFrom: this.lastByMid.get(rec.mid) || null });
      if (track.kind === 'video') {
        const el = videoElement(rec.source + ' of ' + rec.participant_id.slice(0, 8) + ' (mid ' + rec.mid + ')');
        el.v.srcObject = new G.MediaStream([track]);
        el.v.play().catch(() => {});
        this.elements.set(rec, el);
      } else {
        // Chromium decodes (and counts in getStats) remote audio only while something plays it.
        const a = new G.Audio();
        a.srcObject = new G.MediaStream([track]);
        a.play().catch((e) => this.session.error('audio play', e));
        this.elements.set(rec, { v: a, box: { remove() {} } });
      }
    },

    detach(rec) {
      const el = this.elements.get(rec);
      if (el) {
        el.v.pause();
        el.v.srcObject = null;
        el.box.remove();
        this.elements.delete(rec);
      }
      this.receivers.delete(rec);
    },

    // Polls the subscribe connection's inbound-rtp per mid: frames decoded since the record
    // started, first frame time, audio level.
    async sample() {
      const s = this.session;
      if (!s || !s.subPc || s.closed) return;
      let report;
      try {
        report = await s.subPc.getStats();
      } catch (e) {
        return;
      }
      const byMid = new Map();
      report.forEach((st) => { if (st.type === 'inbound-rtp' && st.mid !== undefined) byMid.set(st.mid, st); });
      const t = s.elapsed();
      for (const [rec, r] of this.receivers) {
        if (rec.ended_ms !== null) continue;
        const st = byMid.get(rec.mid);
        if (!st) continue;
        if (rec.kind === 'video') {
          const decoded = st.framesDecoded || 0;
          const base = r.baseFrom && r.baseFrom.ssrc === st.ssrc ? r.baseFrom.decoded : 0;
          this.lastByMid.set(rec.mid, { ssrc: st.ssrc, decoded });
          rec.frames = decoded - base;
          if (rec.frames > 0 && rec.first_frame_ms === null) rec.first_frame_ms = t;
          rec.frame_width = st.frameWidth;
          rec.frame_height = st.frameHeight;
        } else {
          const level = st.audioLevel || 0;
          rec.audio_level = level;
          rec.audio_level_max = Math.max(rec.audio_level_max || 0, level);
          rec.total_audio_energy = st.totalAudioEnergy || 0;
          rec.samples = st.totalSamplesReceived || 0;
          rec.frames = Math.floor(rec.samples / 480); // 10 ms frames at 48 kHz
          if (rec.samples > 0 && rec.first_frame_ms === null) rec.first_frame_ms = t;
        }
      }
      this.timeline.push({
        t,
        frames: Array.from(this.receivers.keys()).filter((rec) => rec.ended_ms === null)
          .map((rec) => [rec.mid, rec.frames]),
      });
      if (this.timeline.length > 2400) this.timeline.splice(0, this.timeline.length - 2400);
    },

    async leave() {
      if (!this.session) return;
      clearInterval(this.statsTimer);
      await this.sample();
      this.finalStats = await this.session.stats();
      this.session.leave();
      this.stopLocal();
    },

    stopLocal() {
      if (this.local) this.local.getTracks().forEach((t) => t.stop());
      if (this.screen) { this.screen.stop(); this.screen.track.stop(); }
    },

    async report() {
      const s = this.session;
      if (!s) return { errors: [{ where: 'report', text: 'not started' }] };
      if (!s.closed) await this.sample();
      const out = s.baseReport();
      out.peer = 'chromium';
      out.user_agent = G.navigator.userAgent;
      out.stats = s.closed ? (this.finalStats || {}) : await s.stats();
      out.frames_timeline = this.timeline.filter((_, i) => i % 4 === 0);
      return out;
    },
  };

  G.plenumPeer = peer;
})(typeof window !== 'undefined' ? window : globalThis);
