/** Raised hands (oldest first) and reactions (short-lived). */
import type { HandsEvent, ReactionsEvent } from '../../../protocol/types';
import type { MeetingState, RaisedHand } from '../../types';
import { notify, type ReduceContext } from './common';

/** How long a reaction stays in state.reactions.recent. */
export const REACTION_LIFETIME_MS = 5000;
export const MAX_REACTIONS = 50;

function setHandOnParticipant(state: MeetingState, id: string, at: number | undefined): MeetingState['participants'] {
  const p = state.participants[id];
  if (p === undefined) return state.participants;
  const next = { ...p };
  if (at === undefined) delete next.hand_raised_at;
  else next.hand_raised_at = at;
  return { ...state.participants, [id]: next };
}

export function reduceHands(state: MeetingState, event: HandsEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'raised': {
      const entry: RaisedHand = { participant_id: event.participant_id, raised_at: event.raised_at };
      const raised = [...state.hands.raised.filter((h) => h.participant_id !== event.participant_id), entry].sort(
        (a, b) => a.raised_at - b.raised_at,
      );
      const participants = setHandOnParticipant(state, event.participant_id, event.raised_at);
      return { ...state, participants, hands: { ...state.hands, raised } };
    }
    case 'lowered': {
      const ids = new Set(event.participant_ids);
      let participants = state.participants;
      for (const id of ids) participants = setHandOnParticipant({ ...state, participants }, id, undefined);
      const next = {
        ...state,
        participants,
        hands: { ...state.hands, raised: state.hands.raised.filter((h) => !ids.has(h.participant_id)) },
      };
      const mine = state.selfId !== null && ids.has(state.selfId) && event.by !== state.selfId;
      return mine ? notify(next, 'hand_lowered', { by: event.by }, ctx.now) : next;
    }
    case 'enabled_changed':
      return {
        ...state,
        hands: { enabled: event.enabled, raised: event.enabled ? state.hands.raised : [] },
      };
  }
}

export function expireReactions(state: MeetingState, now: number): MeetingState {
  const recent = state.reactions.recent.filter((r) => r.expiresAt > now);
  return recent.length === state.reactions.recent.length ? state : { ...state, reactions: { ...state.reactions, recent } };
}

export function reduceReactions(state: MeetingState, event: ReactionsEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'reaction': {
      const kept = expireReactions(state, ctx.now).reactions.recent;
      const entry = {
        id: state.seq,
        participantId: event.participant_id,
        reaction: event.reaction,
        at: ctx.now,
        expiresAt: ctx.now + REACTION_LIFETIME_MS,
      };
      const recent = [...kept, entry].slice(-MAX_REACTIONS);
      return { ...state, seq: state.seq + 1, reactions: { ...state.reactions, recent } };
    }
    case 'enabled_changed':
      return {
        ...state,
        reactions: { enabled: event.enabled, recent: event.enabled ? state.reactions.recent : [] },
      };
  }
}
