// What a participant's page receives: per <video> element (frames the element has decoded/presented,
// size, which tile it is in) and per inbound RTP stream of the app's peer connections (getStats).
//
// A tile is found from the video upwards: the nearest element with data-participant-id, a test id,
// or an accessible name (aria-label / aria-labelledby). Its label is what the report calls the
// remote participant.

/** Per video element on the page: {label, participantId, frames, width, height, playing, local}. */
export async function videoElements(page) {
  return page.evaluate(() => {
    // Remote tracks are those of the app's peer connections' receivers; anything else (camera
    // preview, own screen share) is local.
    const remoteIds = new Set();
    for (const pc of (window.__plenumE2E ? window.__plenumE2E.pcs : [])) {
      if (pc.connectionState === 'closed') continue;
      for (const r of pc.getReceivers()) if (r.track) remoteIds.add(r.track.id);
    }
    const out = [];
    for (const v of document.querySelectorAll('video')) {
      // The room's tile (web/src/features/room/README.md): role group, named by the display name.
      const tile = v.closest('[role="group"][data-participant-id]') || v.parentElement?.closest('[data-participant-id], [aria-label], [aria-labelledby]');
      let label = null;
      if (tile) {
        label = tile.getAttribute('aria-label');
        const by = tile.getAttribute('aria-labelledby');
        if (!label && by) label = by.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() || '').join(' ').trim();
        if (!label) label = tile.getAttribute('data-testid');
      }
      const q = typeof v.getVideoPlaybackQuality === 'function' ? v.getVideoPlaybackQuality() : null;
      const track = v.srcObject && v.srcObject.getVideoTracks ? v.srcObject.getVideoTracks()[0] : null;
      out.push({
        label,
        participantId: tile ? tile.getAttribute('data-participant-id') : null,
        source: tile ? tile.getAttribute('data-source') : null,
        testId: v.getAttribute('data-testid'),
        frames: q ? q.totalVideoFrames : 0,
        dropped: q ? q.droppedVideoFrames : 0,
        width: v.videoWidth,
        height: v.videoHeight,
        clientWidth: v.clientWidth,
        clientHeight: v.clientHeight,
        playing: !v.paused && !v.ended && v.readyState >= 2,
        local: !(track && remoteIds.has(track.id)),
        trackId: track ? track.id : null,
        muted: v.muted,
      });
    }
    return out;
  });
}

/** The `type` entries of getStats() of every open peer connection the app made, each with `pc`
 *  (the connection's index). */
async function rtpStats(page, type) {
  return page.evaluate(async (wanted) => {
    const state = window.__plenumE2E;
    if (!state) return [];
    const out = [];
    for (const [i, pc] of state.pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      let report;
      try { report = await pc.getStats(); } catch { continue; }
      // With the codec's MIME type (codecId names a `codec` entry of the same report).
      report.forEach((s) => { if (s.type === wanted) out.push({ ...s, pc: i, mimeType: report.get(s.codecId)?.mimeType ?? null }); });
    }
    return out;
  }, type);
}

/** Inbound RTP of every peer connection the app opened: [{kind, mid, trackIdentifier, framesDecoded,
 *  frameWidth, frameHeight, mimeType (the codec), packetsReceived, totalAudioEnergy, totalSamplesReceived,
 *  bytesReceived}] */
export async function inboundStats(page) {
  return (await rtpStats(page, 'inbound-rtp')).map((s) => ({
    pc: s.pc, kind: s.kind, mid: s.mid ?? null, ssrc: s.ssrc, trackIdentifier: s.trackIdentifier ?? null,
    framesDecoded: s.framesDecoded ?? 0, frameWidth: s.frameWidth ?? 0, frameHeight: s.frameHeight ?? 0,
    framesPerSecond: s.framesPerSecond ?? 0, mimeType: s.mimeType,
    packetsReceived: s.packetsReceived ?? 0, bytesReceived: s.bytesReceived ?? 0,
    totalAudioEnergy: s.totalAudioEnergy ?? 0, totalSamplesReceived: s.totalSamplesReceived ?? 0,
  }));
}

/** Outbound RTP (what this page sends): [{kind, mid, rid, active, framesEncoded, frameWidth, frameHeight,
 *  bytesSent, mimeType, scalabilityMode}]; `active` is the encoding's RTCRtpEncodingParameters.active as Chromium reports it. */
export async function outboundStats(page) {
  return (await rtpStats(page, 'outbound-rtp')).map((s) => ({
    pc: s.pc, kind: s.kind, mid: s.mid ?? null, rid: s.rid ?? null, active: s.active ?? null,
    framesEncoded: s.framesEncoded ?? 0,
    frameWidth: s.frameWidth ?? 0, frameHeight: s.frameHeight ?? 0, bytesSent: s.bytesSent ?? 0,
    mimeType: s.mimeType, scalabilityMode: s.scalabilityMode ?? null,
  }));
}

/** The page's side of the selected ICE candidate pair of its receiving (subscribe) peer connection,
 *  the one with inbound RTP: {port, protocol, address} or null while there is none. */
export async function subscribeLocalCandidate(page) {
  return page.evaluate(async () => {
    for (const pc of (window.__plenumE2E ? window.__plenumE2E.pcs : [])) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      const all = [...report.values()];
      if (!all.some((s) => s.type === 'inbound-rtp')) continue;
      const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
      const pair = transport ? report.get(transport.selectedCandidatePairId)
        : all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
      const local = pair ? report.get(pair.localCandidateId) : null;
      if (local) return { port: local.port, protocol: local.protocol, address: local.address ?? local.ip ?? null };
    }
    return null;
  });
}

/** Remote (not local-preview) video elements that show frames. */
export function remoteVideos(videos) {
  return videos.filter((v) => !v.local);
}

/** Audio elements playing a remote track of the app's peer connections: [{playing, remote, trackIds}] */
export async function audioElements(page) {
  return page.evaluate(() => {
    const remoteIds = new Set();
    for (const pc of (window.__plenumE2E ? window.__plenumE2E.pcs : [])) {
      if (pc.connectionState === 'closed') continue;
      for (const r of pc.getReceivers()) if (r.track) remoteIds.add(r.track.id);
    }
    return [...document.querySelectorAll('audio, video')].filter((el) => el.srcObject && el.srcObject.getAudioTracks().length)
      .map((el) => {
        const ids = el.srcObject.getAudioTracks().map((t) => t.id);
        return { tag: el.tagName.toLowerCase(), playing: !el.paused && el.readyState >= 2, muted: el.muted,
          remote: ids.some((id) => remoteIds.has(id)), trackIds: ids };
      });
  });
}
