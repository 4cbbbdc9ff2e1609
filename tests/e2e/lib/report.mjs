// The figures a test leaves for `make e2e`: per participant, what it decoded from each remote
// participant. Written as JSON to $PLENUM_E2E_REPORT_DIR/<test>.json when that is set (print them
// with `node tests/e2e/print-report.mjs DIR`); nothing is written otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { inboundStats, videoElements } from './media.mjs';

/** What `page` receives from each remote participant, keyed by tile label:
 *  {label: {frames, framesDecoded, width, height}} plus {audio: {packets, energy}}. */
export async function receiveSummary(page) {
  const videos = await videoElements(page);
  const inbound = await inboundStats(page);
  const byTrack = new Map(inbound.filter((s) => s.kind === 'video').map((s) => [s.trackIdentifier, s]));
  const remotes = {};
  for (const v of videos) {
    if (v.local) continue;
    const s = byTrack.get(v.trackId);
    const key = v.label || v.participantId || v.trackId || 'unlabelled';
    remotes[key] = {
      frames: v.frames, framesDecoded: s ? s.framesDecoded : null, width: v.width, height: v.height,
    };
  }
  const audio = inbound.filter((s) => s.kind === 'audio');
  return {
    remotes,
    audio: {
      streams: audio.length,
      packets: audio.reduce((a, s) => a + s.packetsReceived, 0),
      energy: Number(audio.reduce((a, s) => a + s.totalAudioEnergy, 0).toFixed(4)),
    },
  };
}

export function writeReport(test, data) {
  const dir = process.env.PLENUM_E2E_REPORT_DIR;
  if (!dir) return null;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, test.replace(/[^A-Za-z0-9_.-]+/g, '_') + '.json');
  fs.writeFileSync(file, JSON.stringify({ test, at: new Date().toISOString(), ...data }, null, 1));
  return file;
}

/** {participantName: receiveSummary} for a list of participants ({name, page}). */
export async function collectReceived(participants) {
  const out = {};
  for (const p of participants) out[p.name] = await receiveSummary(p.page);
  return out;
}
