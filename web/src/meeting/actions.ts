/** What the UI can do in a meeting: one function per protocol command it needs (see README.md). */
import type {
  ChatTarget,
  ConversationKey,
  DebriefScope,
  NewLegalVote,
  NewPoll,
  NewSpeakerQueue,
  NewTimer,
  Reaction,
  VisibleVideo,
  WaitingRoomMode,
} from './types';

/**
 * Fire-and-forget commands resolve once the frame is sent; when the server refuses one (role,
 * rate limit, disabled feature, ...) an `action_failed` notification with the protocol's error
 * code is queued. Calls without a meeting are ignored (they resolve). Media calls reject with the
 * device error (see devices/errors.ts codes) when a camera, microphone or screen cannot be opened.
 */
export interface MeetingActions {
  // control
  setDisplayName(displayName: string): Promise<void>;
  // chat
  sendChat(target: ChatTarget, content: string): Promise<void>;
  /** Loads up to `limit` (default 50) messages older than the oldest one held. */
  loadChatHistory(conversation: ConversationKey, limit?: number): Promise<void>;
  /** Results land in state.chat.search (query must have 2-200 characters). */
  searchChat(query: string, limit?: number): Promise<void>;
  clearChatSearch(): void;
  /** Marks everything in the conversation as seen (sends set_last_seen when it changes). */
  markConversationSeen(conversation: ConversationKey): void;
  clearChat(): Promise<void>;
  setChatEnabled(enabled: boolean): Promise<void>;
  // hands and reactions
  raiseHand(): Promise<void>;
  lowerHand(): Promise<void>;
  /** Moderators: lower the given hands (or all). */
  lowerHands(participantIds: readonly string[] | 'everyone'): Promise<void>;
  setHandsEnabled(enabled: boolean): Promise<void>;
  react(reaction: Reaction): Promise<void>;
  setReactionsEnabled(enabled: boolean): Promise<void>;
  // polls
  /** Moderators: start a poll (one at a time per room). */
  startPoll(poll: NewPoll): Promise<void>;
  /** Replaces the own earlier vote; `choices` are indexes into the poll's choices. */
  votePoll(pollId: string, choices: readonly number[]): Promise<void>;
  /** Moderators: end the running poll now. */
  stopPoll(pollId: string): Promise<void>;
  /** Moderators: ask for the polls prepared on the meeting's event (they land in state.templates.polls). */
  loadPollTemplates(): Promise<void>;
  // timer and coffee break
  /** Moderators: start a stopwatch, countdown or coffee break (one at a time per room). */
  startTimer(timer: NewTimer): Promise<void>;
  stopTimer(timerId: string): Promise<void>;
  /** Ready check: mark oneself done (or not). */
  setTimerReady(timerId: string, ready: boolean): Promise<void>;
  // legal votes
  /** Moderators (registered): start a legal vote; registered participants present get a ballot. */
  startLegalVote(vote: NewLegalVote): Promise<void>;
  /** Cast the own vote once with the one-time token of `ballots`; there is no changing it. */
  castLegalVote(voteId: string, choice: 'yes' | 'no' | 'abstain'): Promise<void>;
  /** Moderators: end the running vote now (the result counts). */
  stopLegalVote(voteId: string): Promise<void>;
  /** Moderators: cancel the running vote with a reason (no result). */
  cancelLegalVote(voteId: string, reason: string): Promise<void>;
  /** Moderators: ask for the votes prepared on the meeting's event (state.templates.votes). */
  loadLegalVoteTemplates(): Promise<void>;
  // points of order
  /** Raise a point of order with a short reason (1-200 characters). */
  raisePointOfOrder(reason: string): Promise<void>;
  withdrawPointOfOrder(): Promise<void>;
  /** Moderators: clear the given points of order (or all). */
  clearPointsOfOrder(participantIds: readonly string[] | 'everyone'): Promise<void>;
  // speaker queue
  /** Moderators: start a speaker round (one at a time per room); nobody has the word until `nextSpeaker`. */
  startSpeakers(queue: NewSpeakerQueue): Promise<void>;
  /** Moderators: end the current turn and give the word to `participantId` (upcoming) or the next by the round's selection. */
  nextSpeaker(queueId: string, participantId?: string): Promise<void>;
  /** Moderators: like next, but the current speaker goes back to the end of the list. */
  skipSpeaker(queueId: string): Promise<void>;
  /** The current speaker ends their turn; in nomination rounds `participantId` names the next. */
  yieldWord(queueId: string, participantId?: string): Promise<void>;
  /** Moderators: append a participant to the upcoming list. */
  addSpeaker(queueId: string, participantId: string): Promise<void>;
  /** Moderators: take a participant off the upcoming list. */
  removeSpeaker(queueId: string, participantId: string): Promise<void>;
  stopSpeakers(queueId: string): Promise<void>;
  // moderation
  kick(participantId: string): Promise<void>;
  ban(participantId: string, persistent: boolean): Promise<void>;
  setRole(participantId: string, role: 'moderator' | 'user'): Promise<void>;
  rename(participantId: string, displayName: string): Promise<void>;
  setSelfRename(allowed: boolean): Promise<void>;
  /** 'everyone': all but the podium. */
  requestMute(participantIds: readonly string[] | 'everyone'): Promise<void>;
  setPodium(participantIds: readonly string[]): Promise<void>;
  restrictMicrophones(enabled: boolean, allowed: readonly string[]): Promise<void>;
  lockRoom(locked: boolean): Promise<void>;
  debrief(scope: DebriefScope): Promise<void>;
  // waiting room
  admit(participantIds: readonly string[]): Promise<void>;
  admitAll(): Promise<void>;
  sendBack(participantId: string): Promise<void>;
  setWaitingRoomMode(mode: WaitingRoomMode): Promise<void>;
  // media
  setPresenter(participantId: string, allowed: boolean): Promise<void>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  toggleMicrophone(): Promise<void>;
  setCameraEnabled(enabled: boolean): Promise<void>;
  toggleCamera(): Promise<void>;
  /** getDisplayMedia; rejects when the user cancels or presenting is not allowed. */
  startScreenShare(): Promise<void>;
  stopScreenShare(): Promise<void>;
  /** Switch devices without renegotiating (replaceTrack); remembered for the next meeting. */
  switchMicrophone(deviceId: string): Promise<void>;
  switchCamera(deviceId: string): Promise<void>;
  /** Report which remote videos are on screen and their size; debounced, diffed. */
  setVisibleVideos(videos: readonly VisibleVideo[]): void;
  dismissNotification(id: number): void;
}
