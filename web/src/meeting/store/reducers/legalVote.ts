/** Legal votes: the votes of this meeting, the own one-time tokens and the receipts of own votes. */
import type { LegalVote, LegalVoteEvent, LegalVoteState } from '../../../protocol/types';
import type { LegalVoteSlice, MeetingState } from '../../types';
import { notify, type ReduceContext } from './common';

const RECEIPTS_KEY = 'plenum.legal_vote.receipts';

/** Receipts survive a reload of the tab (the server never sends them again for secret votes). */
function loadReceipts(): LegalVoteSlice['receipts'] {
  try {
    const raw = globalThis.sessionStorage?.getItem(RECEIPTS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as LegalVoteSlice['receipts']) : {};
  } catch {
    return {};
  }
}

function saveReceipts(receipts: LegalVoteSlice['receipts']): void {
  try {
    globalThis.sessionStorage?.setItem(RECEIPTS_KEY, JSON.stringify(receipts));
  } catch {
    // storage full or unavailable: the receipt stays in memory
  }
}

export function legalVoteFromJoin(m: LegalVoteState | undefined, previous: LegalVoteSlice): LegalVoteSlice {
  if (m === undefined) return previous;
  const ballots: Record<string, string> = {};
  for (const b of m.ballots) ballots[b.vote_id] = b.token;
  const receipts = { ...loadReceipts(), ...previous.receipts };
  return { votes: m.votes, ballots, receipts, publicKey: m.public_key };
}

function upsert(votes: readonly LegalVote[], vote: LegalVote): readonly LegalVote[] {
  const i = votes.findIndex((v) => v.id === vote.id);
  if (i < 0) return [...votes, vote];
  const next = votes.slice();
  next[i] = vote;
  return next;
}

function withSlice(state: MeetingState, patch: Partial<LegalVoteSlice>): MeetingState {
  return { ...state, legalVote: { ...state.legalVote, ...patch } };
}

export function reduceLegalVote(state: MeetingState, event: LegalVoteEvent, ctx: ReduceContext): MeetingState {
  const slice = state.legalVote;
  switch (event.message) {
    case 'started': {
      const next = withSlice(state, { votes: upsert(slice.votes, event.vote) });
      return event.vote.initiator === state.selfId ? next : notify(next, 'legal_vote_started', {}, ctx.now);
    }
    case 'ballot':
      return withSlice(state, { ballots: { ...slice.ballots, [event.ballot.vote_id]: event.ballot.token } });
    case 'voted': {
      const ballots = { ...slice.ballots };
      delete ballots[event.vote_id];
      const receipts = { ...slice.receipts, [event.vote_id]: { choice: event.choice, receipt: event.receipt } };
      saveReceipts(receipts);
      return withSlice(state, { ballots, receipts });
    }
    case 'updated':
      return withSlice(state, { votes: upsert(slice.votes, event.vote) });
    case 'ended': {
      const ballots = { ...slice.ballots };
      delete ballots[event.vote.id];
      return notify(
        withSlice(state, { votes: upsert(slice.votes, event.vote), ballots }),
        'legal_vote_ended',
        {},
        ctx.now,
      );
    }
    case 'templates':
      return { ...state, templates: { ...state.templates, votes: event.templates } };
  }
}
