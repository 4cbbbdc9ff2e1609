/**
 * The subscribe connection's mid → participant/source mapping: which records (remote tracks)
 * start and end when an offer has been applied. Pure, as in the reference client
 * (tests/integration/webrtc/browser_peer.js): a mid whose entry changed starts a new record, a
 * mid no longer listed (or a stopped / inactive m-section) ends its record.
 */
import type { SubscribedTrack } from '../../protocol/types';

export interface RemoteRecord {
  readonly mid: string;
  readonly participantId: string;
  readonly source: SubscribedTrack['source'];
  readonly kind: SubscribedTrack['kind'];
}

export interface LiveSection<T> {
  readonly mid: string;
  readonly track: T | null;
}

export interface RecordChanges<T> {
  readonly ended: RemoteRecord[];
  readonly started: { readonly record: RemoteRecord; readonly track: T }[];
}

export function recordFor(info: SubscribedTrack): RemoteRecord {
  return { mid: info.mid, participantId: info.participant_id, source: info.source, kind: info.kind };
}

/**
 * @param current mid → record carried until now
 * @param tracks the offer's `tracks`
 * @param live the transceivers that are neither stopped nor inactive, with their receiver track
 */
export function diffRecords<T>(
  current: ReadonlyMap<string, RemoteRecord>,
  tracks: readonly SubscribedTrack[],
  live: readonly LiveSection<T>[],
): RecordChanges<T> {
  const info = new Map(tracks.map((t) => [t.mid, t]));
  const liveByMid = new Map(live.map((l) => [l.mid, l]));
  const ended: RemoteRecord[] = [];
  const kept = new Set<string>();
  for (const [mid, rec] of current) {
    const t = info.get(mid);
    if (!liveByMid.has(mid) || t === undefined || t.participant_id !== rec.participantId || t.source !== rec.source) {
      ended.push(rec);
    } else {
      kept.add(mid);
    }
  }
  const started: { record: RemoteRecord; track: T }[] = [];
  for (const [mid, t] of info) {
    const l = liveByMid.get(mid);
    if (l === undefined || l.track === null || kept.has(mid)) continue;
    started.push({ record: recordFor(t), track: l.track });
  }
  return { ended, started };
}

/** participant/source → mid of the video records (for set_receive). */
export function videoMids(records: Iterable<RemoteRecord>): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) if (r.kind === 'video') out.set(`${r.participantId}/${r.source}`, r.mid);
  return out;
}
