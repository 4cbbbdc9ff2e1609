/** The media namespace's state: publications, presenters, active speaker, speaking times, connections. */
import type { MediaEvent, MediaState as ProtocolMediaState, Publication, SpeakingTime } from '../../../protocol/types';
import type { MediaSlice, MeetingState, PublicationMap } from '../../types';
import { isModerator } from '../selectors';
import { notify, omitKey, type ReduceContext } from './common';

export function publicationMap(list: readonly Publication[]): PublicationMap {
  const map: Partial<Record<Publication['source'], { muted: boolean }>> = {};
  for (const p of list) map[p.source] = { muted: p.muted };
  return map;
}

function groupPublications(list: readonly Publication[]): Record<string, PublicationMap> {
  const by = new Map<string, Publication[]>();
  for (const p of list) by.set(p.participant_id, [...(by.get(p.participant_id) ?? []), p]);
  const out: Record<string, PublicationMap> = {};
  for (const [id, pubs] of by) out[id] = publicationMap(pubs);
  return out;
}

/** `speaking_times` as the two maps of the slice: total ms and when each last spoke. */
function speakingMaps(list: readonly SpeakingTime[]): Pick<MediaSlice, 'speakingTimes' | 'lastSpokeAt'> {
  const speakingTimes: Record<string, number> = {};
  const lastSpokeAt: Record<string, number> = {};
  for (const s of list) {
    speakingTimes[s.participant_id] = s.total_ms;
    lastSpokeAt[s.participant_id] = s.last_spoke_at;
  }
  return { speakingTimes, lastSpokeAt };
}

/** The media part of join_success; keeps the local device state and stream version. */
export function mediaFromJoin(media: ProtocolMediaState, previous: MediaSlice): MediaSlice {
  return {
    ...previous,
    available: media.available,
    iceServers: media.ice_servers,
    publications: groupPublications(media.publications),
    presenters: media.presenters,
    activeSpeaker: media.active_speaker ?? null,
    ...speakingMaps(media.speaking_times),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function withMedia(state: MeetingState, patch: Partial<MediaSlice>): MeetingState {
  return { ...state, media: { ...state.media, ...patch } };
}

export function reduceMedia(state: MeetingState, event: MediaEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'publish_answer':
    case 'subscribe_offer':
      return state; // the media session applies these
    case 'publications_changed': {
      const publications =
        event.publications.length === 0
          ? omitKey(state.media.publications, event.participant_id)
          : { ...state.media.publications, [event.participant_id]: publicationMap(event.publications) };
      return withMedia(state, { publications });
    }
    case 'presenter_changed': {
      const had = state.media.presenters.includes(event.participant_id);
      if (had === event.allowed) return state;
      const presenters = event.allowed
        ? [...state.media.presenters, event.participant_id]
        : state.media.presenters.filter((id) => id !== event.participant_id);
      const next = withMedia(state, { presenters });
      if (event.participant_id !== state.selfId || isModerator(state)) return next;
      return notify(next, event.allowed ? 'presenter_granted' : 'presenter_revoked', {}, ctx.now);
    }
    case 'active_speaker':
      return withMedia(state, { activeSpeaker: event.participant_id ?? null });
    case 'speaking_times':
      return withMedia(state, speakingMaps(event.speaking_times));
    case 'publish_layers': {
      const previous = state.media.publishLayers[event.mid];
      if (previous !== undefined && sameList(previous, event.active_rids)) return state;
      return withMedia(state, { publishLayers: { ...state.media.publishLayers, [event.mid]: [...event.active_rids] } });
    }
    case 'receive_quality': {
      const estimateKbps = event.estimate_kbps ?? null;
      const previous = state.media.receiveQuality;
      if (previous.estimateKbps === estimateKbps && sameList(previous.pausedMids, event.paused_mids)) return state;
      return withMedia(state, { receiveQuality: { pausedMids: [...event.paused_mids], estimateKbps } });
    }
    case 'connection_state':
      return withMedia(state, { connection: { ...state.media.connection, [event.connection]: event.state } });
  }
}
