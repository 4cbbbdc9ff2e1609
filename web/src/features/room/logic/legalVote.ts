/** Pure helpers of the legal-vote UI. */
import type { LegalVote } from '../../../meeting';

export const LEGAL_VOTE_NAME_MAX = 150;
export const LEGAL_VOTE_SUBTITLE_MAX = 255;
export const LEGAL_VOTE_TOPIC_MAX = 2000;
export const LEGAL_VOTE_DURATIONS = ['none', '60', '120', '300', '600', '1800', '3600'] as const;

export type LegalVoteChoice = 'yes' | 'no' | 'abstain';

/** The vote the card shows: the running one, else the last one (until closed). */
export function currentLegalVote(votes: readonly LegalVote[]): LegalVote | null {
  return votes.find((v) => v.state === 'running') ?? votes[votes.length - 1] ?? null;
}

export function isRunning(vote: LegalVote | null): boolean {
  return vote !== null && vote.state === 'running';
}

export function choicesOf(vote: LegalVote): LegalVoteChoice[] {
  return vote.allow_abstain ? ['yes', 'no', 'abstain'] : ['yes', 'no'];
}

/** The trimmed name, or null when it is empty or too long (code points). */
export function validName(name: string): string | null {
  const trimmed = name.trim();
  return trimmed === '' || [...trimmed].length > LEGAL_VOTE_NAME_MAX ? null : trimmed;
}
