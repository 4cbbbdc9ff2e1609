/**
 * The public types of the meeting core: the live state of one meeting as the UI reads it
 * (useMeeting(selector)), the codes the UI translates, and the shapes of the facade's arguments.
 * Protocol shapes come from the generated src/protocol/types.ts.
 */
import type {
  ChatMessage,
  IceServer,
  LegalVote,
  LegalVoteTemplate,
  ModerationState,
  Participant,
  Poll,
  PollTemplate,
  PointOfOrder,
  RaisedHand,
  Timer,
  ReactionsSendCommand,
  RoomInfo,
  SpeakerQueue,
  SpeakerTurn,
  Waiter,
  WheelSpin,
} from '../protocol/types';

export type {
  ChatMessage,
  IceServer,
  LegalVote,
  ModerationState,
  Participant,
  PointOfOrder,
  Poll,
  RaisedHand,
  RoomInfo,
  SpeakerQueue,
  SpeakerTurn,
  Timer,
  Waiter,
  WheelSpin,
};

/** idle: no meeting; ended: see endReason. */
export type MeetingPhase = 'idle' | 'connecting' | 'waiting' | 'joined' | 'reconnecting' | 'ended';

/** Why the meeting ended for this device (or why joining failed). */
export type EndReason =
  | 'left' // leaveMeeting()
  | 'kicked'
  | 'banned'
  | 'debriefed' // a moderator ended the meeting for this participant's group
  | 'room_full'
  | 'room_closed' // closed without a more specific reason (e.g. already closed at join)
  | 'time_limit'
  | 'room_deleted'
  | 'ended_by_moderator'
  | 'server_shutdown'
  | 'replaced' // this participant resumed on another connection (another tab)
  | 'too_slow' // the connection could not keep up with the room
  | 'resume_failed' // the resumption window ran out: join again
  | 'connection_lost' // could not reconnect
  | 'rejected' // the ticket was refused (expired/used) or the server could not be reached
  | 'join_timeout'
  | 'protocol_error';

export type MediaSource = 'microphone' | 'camera' | 'screen' | 'screen_audio';
export type LocalSource = 'microphone' | 'camera' | 'screen';
export type Reaction = ReactionsSendCommand['reaction'];
export type WaitingRoomMode = 'off' | 'guests' | 'everyone';
export type DebriefScope = 'guests' | 'guests_and_users' | 'everyone';

/**
 * Something that happened TO the local user (or that the local user must know), for the UI to
 * translate by `code` (with `params`) and dismiss by `id`.
 */
export type NotificationCode =
  | 'admitted' // left the waiting room
  | 'sent_back' // a moderator sent this participant to the waiting room
  | 'muted_by_moderator' // the microphone was switched off on a moderator's request
  | 'promoted' // became moderator
  | 'demoted' // no longer moderator
  | 'renamed' // params.display_name: a moderator changed the own name
  | 'hand_lowered' // a moderator lowered the own hand
  | 'presenter_granted'
  | 'presenter_revoked' // a running screen share ends
  | 'microphone_restricted' // only allowed participants may unmute, and this one is not
  | 'microphone_allowed'
  | 'room_closing' // params.at (ms since epoch)
  | 'chat_cleared'
  | 'chat_disabled'
  | 'chat_enabled'
  | 'waiter_entered' // moderators: params.display_name started waiting
  | 'reconnected'
  | 'slow_down' // actions were dropped: params.retry_after_ms
  | 'screen_share_failed' // params.error: DeviceErrorKind-like code
  | 'device_failed' // params.source, params.error
  | 'media_failed' // params.connection: a peer connection failed and could not be restarted
  | 'poll_started' // a moderator started a poll (not to the one who started it)
  | 'poll_ended'
  | 'timer_started' // a stopwatch or countdown (not to the moderator who started it)
  | 'timer_stopped' // params.reason: stopped | expired
  | 'coffee_break_ended'
  | 'point_of_order_raised' // moderators: params.display_name, params.reason
  | 'point_of_order_cleared' // a moderator cleared the own point of order
  | 'legal_vote_started' // a moderator started a legal vote (not to the one who started it)
  | 'legal_vote_ended'
  | 'speakers_started' // a moderator started a speaker round (not to the one who started it)
  | 'speakers_your_turn' // this participant has the word now
  | 'action_failed'; // params.namespace, params.action, params.code (protocol ErrorCode)

export type NotificationParams = Readonly<Record<string, string | number>>;

export interface MeetingNotification {
  readonly id: number;
  readonly code: NotificationCode;
  readonly params: NotificationParams;
  readonly at: number;
}

export interface RecentReaction {
  readonly id: number;
  readonly participantId: string;
  readonly reaction: Reaction;
  readonly at: number;
  readonly expiresAt: number;
}

/** `everyone`, `group:<name>` or `private:<participant id>` (the other participant). */
export type ConversationKey = string;

export interface Conversation {
  readonly key: ConversationKey;
  readonly scope: 'everyone' | 'group' | 'private';
  /** For group conversations. */
  readonly group?: string;
  /** For private conversations: the other participant. */
  readonly peerId?: string;
  /** Oldest first, unique ids. */
  readonly messages: readonly ChatMessage[];
  /** Older messages may exist on the server (loadChatHistory). */
  readonly hasMore: boolean;
  readonly loadingHistory: boolean;
  /** Id of the last message the user has seen (0: none). */
  readonly lastSeen: number;
  /** Messages of others newer than lastSeen. */
  readonly unread: number;
}

export interface ChatSearch {
  readonly query: string;
  readonly pending: boolean;
  readonly results: readonly ChatMessage[];
}

export interface ChatSlice {
  readonly enabled: boolean;
  readonly conversations: Readonly<Record<ConversationKey, Conversation>>;
  readonly search: ChatSearch | null;
}

/** A participant's published tracks and whether their owner muted them. */
export type PublicationMap = Readonly<Partial<Record<MediaSource, { readonly muted: boolean }>>>;

export type PeerConnectionStatus = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface LocalMediaState {
  /** Microphone track exists and is unmuted (sending). */
  readonly microphone: boolean;
  readonly camera: boolean;
  readonly screen: boolean;
  /** A track exists for the source (even if muted); false: no device / not acquired. */
  readonly hasMicrophone: boolean;
  readonly hasCamera: boolean;
  readonly microphoneDeviceId: string | null;
  readonly cameraDeviceId: string | null;
}

export interface ReceiveQuality {
  /** Subscribe-connection mids of the videos the server paused because the downlink estimate does not fit them. */
  readonly pausedMids: readonly string[];
  /** The server's estimate of this device's downlink in kbit/s; null before the first estimate. */
  readonly estimateKbps: number | null;
}

export interface MediaSlice {
  /** False when the server runs without media. */
  readonly available: boolean;
  readonly iceServers: readonly IceServer[];
  readonly publications: Readonly<Record<string, PublicationMap>>;
  /** Non-moderators allowed to share their screen. */
  readonly presenters: readonly string[];
  readonly activeSpeaker: string | null;
  /** Participant id → ms as active speaker (including a running turn at the last event). */
  readonly speakingTimes: Readonly<Record<string, number>>;
  /** Participant id → when they last stopped being the active speaker (server clock, ms; absent: never spoke). */
  readonly lastSpokeAt: Readonly<Record<string, number>>;
  /** Local peer connection states (the browser's view, merged with the server's reports). */
  readonly connection: { readonly publish: PeerConnectionStatus; readonly subscribe: PeerConnectionStatus };
  readonly local: LocalMediaState;
  /**
   * `publish_layers`: mid (publish connection) → the simulcast rids of this device's video there
   * that anyone receives, the last event per mid. A mid without an entry: every encoding is wanted.
   */
  readonly publishLayers: Readonly<Record<string, readonly string[]>>;
  /** `receive_quality`: what the server's downlink estimate allows. */
  readonly receiveQuality: ReceiveQuality;
  /** `participantId/source` → mid of every received video (subscribe connection), from the media session. */
  readonly videoMids: Readonly<Record<string, string>>;
  /** Bumped whenever a remote or local MediaStream appears or goes (streams live outside the state). */
  readonly streamsVersion: number;
}

export interface PollsSlice {
  /** `own_choices` is this participant's current vote (from `voted`). */
  readonly current: Poll | null;
}

export interface TimerSlice {
  readonly current: Timer | null;
  /**
   * Server clock minus local clock (ms), estimated from frame timestamps (the largest
   * difference seen: network delay only makes it smaller): remaining time =
   * `ends_at - (Date.now() + clockOffsetMs)`.
   */
  readonly clockOffsetMs: number | null;
}

/** A stopwatch, countdown or coffee break as a moderator starts it (`timer.start`). */
export interface NewTimer {
  readonly kind: 'stopwatch' | 'countdown' | 'coffee_break';
  readonly title?: string;
  /** Countdowns and coffee breaks: 1 s - 24 h. */
  readonly durationSeconds?: number;
  readonly readyCheck?: boolean;
}

export interface LegalVoteSlice {
  /** This meeting's votes, oldest first (the running one is last). */
  readonly votes: readonly LegalVote[];
  /** vote id -> this participant's unused one-time token. */
  readonly ballots: Readonly<Record<string, string>>;
  /** vote id -> the own vote and its receipt (the hash of its protocol entry). */
  readonly receipts: Readonly<Record<string, { readonly choice: string; readonly receipt: string }>>;
  /** The server's Ed25519 public key (hex) that signs the protocols. */
  readonly publicKey: string;
}

export interface SpeakersSlice {
  /** The running speaker round (null: none). */
  readonly queue: SpeakerQueue | null;
  /**
   * The last wheel of names seen in this round, kept after the server ends the spin so the wheel
   * can stay on its result (null: none yet).
   */
  readonly lastSpin: WheelSpin | null;
  /** `time_up` for the current turn: the speaker whose time ran out (cleared when the turn changes). */
  readonly timeUp: { readonly participantId: string; readonly turnStartedAt: number } | null;
}

/** A speaker round as a moderator starts it (`speakers.start`). */
export interface NewSpeakerQueue {
  readonly selection: SpeakerQueue['selection'];
  readonly order: SpeakerQueue['order'];
  readonly includeModerators: boolean;
  readonly appendLateJoiners: boolean;
  /** 10 s - 1 h per speaker; absent: no limit. */
  readonly timeLimitSeconds?: number;
}

/** A legal vote as a moderator starts it (`legal_vote.start`). */
export interface NewLegalVote {
  readonly name: string;
  readonly subtitle?: string;
  readonly topic?: string;
  readonly kind: 'roll_call' | 'secret';
  readonly allowAbstain: boolean;
  /** Never for secret votes. */
  readonly liveResults: boolean;
  readonly autoClose: boolean;
  /** 60 s - 24 h; absent: until stopped. */
  readonly durationSeconds?: number;
}

export interface MeetingState {
  readonly phase: MeetingPhase;
  readonly endReason: EndReason | null;
  /** The room id given to joinMeeting/resumeMeeting. */
  readonly roomId: string | null;
  readonly selfId: string | null;
  /** From join_success; while waiting only the name is known (id = roomId, locked false). */
  readonly room: RoomInfo | null;
  readonly participants: Readonly<Record<string, Participant>>;
  /** Moderators only: who waits, oldest first. */
  readonly waiting: readonly Waiter[];
  readonly waitingRoomMode: WaitingRoomMode;
  readonly moderation: ModerationState;
  readonly hands: { readonly enabled: boolean; readonly raised: readonly RaisedHand[] };
  readonly reactions: { readonly enabled: boolean; readonly recent: readonly RecentReaction[] };
  readonly chat: ChatSlice;
  readonly media: MediaSlice;
  /** The running poll, or the last one that ended (null: none yet in this meeting). */
  readonly polls: PollsSlice;
  /** The running stopwatch, countdown or coffee break. */
  readonly timer: TimerSlice;
  /** Raised points of order, oldest first (moderators see them before raised hands). */
  readonly pointsOfOrder: { readonly raised: readonly PointOfOrder[] };
  readonly legalVote: LegalVoteSlice;
  /** Moderators: the polls and votes prepared on the meeting's event (null: not loaded yet). */
  readonly templates: TemplatesSlice;
  /** The speaker queue (talking stick, random pick, nomination, wheel of names). */
  readonly speakers: SpeakersSlice;
  readonly notifications: readonly MeetingNotification[];
  /** When the room closes because of its time limit (from `closing`), else null. */
  readonly closingAt: number | null;
  /** Next id for notifications and reactions (internal counter). */
  readonly seq: number;
}

export interface TemplatesSlice {
  readonly polls: readonly PollTemplate[] | null;
  readonly votes: readonly LegalVoteTemplate[] | null;
}

/** A poll as a moderator starts it (`polls.start`). */
export interface NewPoll {
  readonly topic: string;
  readonly choices: readonly string[];
  readonly multiple: boolean;
  /** Results shown while it runs; otherwise only at the end. */
  readonly live: boolean;
  /** 10 s - 24 h; absent: runs until stopped. */
  readonly durationSeconds?: number;
}

/** What to send to in the chat. */
export type ChatTarget =
  | { readonly scope: 'everyone' }
  | { readonly scope: 'group'; readonly group: string }
  | { readonly scope: 'private'; readonly recipient: string };

export interface VisibleVideo {
  readonly participantId: string;
  readonly source: 'camera' | 'screen';
  /** Rendered size in CSS pixels times devicePixelRatio (rounded by the session). */
  readonly width: number;
  readonly height: number;
  /**
   * `high` for the videos the user looks at (the pinned tile, speaker view's large tile, screen
   * shares): they keep their quality longest when the downlink is short. Absent: `normal`.
   */
  readonly priority?: VideoPriority;
}

export type VideoPriority = 'high' | 'normal';

export interface JoinOptions {
  readonly roomId: string;
  /** From POST /rooms/{id}/start(_invited). */
  readonly signalingUrl: string;
  readonly ticket: string;
  /** Camera/microphone opened in the lobby (may hold no tracks); the session owns it afterwards. */
  readonly localStream: MediaStream | null;
  readonly microphoneEnabled: boolean;
  readonly cameraEnabled: boolean;
}

export interface ResumeOptions {
  /** Tracks to publish after a page reload; when absent the session opens the remembered devices. */
  readonly localStream?: MediaStream | null;
}

export interface JoinResult {
  readonly phase: 'joined' | 'waiting';
  readonly participantId: string;
}
