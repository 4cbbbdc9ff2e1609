/**
 * The meeting core's public interface: the only import path for the lobby and room UIs.
 * See README.md in this folder.
 */
export type { MeetingActions } from './actions';
export { CommandError, MeetingError, RequestFailedError } from './errors';
export { DeviceError } from './media/localMedia';
export {
  actions,
  hasResumableMeeting,
  joinMeeting,
  leaveMeeting,
  resumeMeeting,
} from './session';
export { useLocalStream, useRemoteStream } from './media/streams';
export { useMeeting, getMeetingState } from './store/store';
export * from './store/selectors';
export * from './store/speakerSelectors';
export { conversationKeyOf } from './store/reducers/chat';
export { REACTION_LIFETIME_MS } from './store/reducers/hands';
export type {
  ChatMessage,
  ChatSearch,
  ChatSlice,
  ChatTarget,
  Conversation,
  ConversationKey,
  DebriefScope,
  EndReason,
  IceServer,
  JoinOptions,
  JoinResult,
  LocalMediaState,
  LocalSource,
  MediaSlice,
  MediaSource,
  MeetingNotification,
  MeetingPhase,
  MeetingState,
  ModerationState,
  NotificationCode,
  NotificationParams,
  LegalVote,
  LegalVoteSlice,
  TemplatesSlice,
  NewLegalVote,
  Participant,
  Poll,
  PollsSlice,
  NewPoll,
  NewSpeakerQueue,
  NewTimer,
  PointOfOrder,
  Timer,
  TimerSlice,
  PeerConnectionStatus,
  PublicationMap,
  RaisedHand,
  Reaction,
  ReceiveQuality,
  RecentReaction,
  ResumeOptions,
  RoomInfo,
  SpeakerQueue,
  SpeakersSlice,
  SpeakerTurn,
  VideoPriority,
  VisibleVideo,
  Waiter,
  WaitingRoomMode,
  WheelSpin,
} from './types';
