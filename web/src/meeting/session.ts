/**
 * The one running meeting of this page: joins (ticket) or resumes (token), feeds every server
 * frame through the reducers into the store, runs the media session once joined, and carries
 * out the UI's actions.
 */
import { acquireMedia, loadDevicePreferences } from '../devices';
import type { MediaSubscribeOfferEvent, ServerFrame } from '../protocol/types';
import type { MeetingActions } from './actions';
import { CommandError, MeetingError } from './errors';
import { LocalMedia } from './media/localMedia';
import { MediaSession } from './media/mediaSession';
import { loadCameraPublishing } from './media/publish';
import { clearStreams, setRemoteStream } from './media/streams';
import { VisibleVideoReporter } from './media/visibleVideos';
import { SignalingClient, type SignalingClientOptions } from './signaling/client';
import type { Credential } from './signaling/connection';
import type { CommandOf, Namespace } from './signaling/envelope';
import { clearResumption, loadResumption, saveResumption } from './signaling/resumption';
import { INITIAL_LOCAL_MEDIA } from './store/initial';
import { reduceFrame } from './store/reduce';
import { clearSearch, markSeen, openConversation, setHistoryLoading, startSearch } from './store/reducers/chat';
import { expireReactions } from './store/reducers/hands';
import {
  addNotification,
  clearMediaAdaptation,
  dismissNotification,
  setEnded,
  setPeerConnectionStatus,
  setReconnecting,
  setVideoMids,
  startConnecting,
} from './store/reducers/local';
import { isModerator, mayPresent, mayUnmute } from './store/selectors';
import { getMeetingState, updateMeetingState } from './store/store';
import type {
  EndReason,
  JoinOptions,
  JoinResult,
  MeetingState,
  NotificationCode,
  NotificationParams,
  ResumeOptions,
} from './types';

export const JOIN_TIMEOUT_MS = 15_000;
/** Media commands the session sends by itself; their refusals are not the user's business. */
const INTERNAL_MEDIA_ACTIONS: ReadonlySet<string> = new Set(['set_receive', 'subscribe_answer', 'restart_subscribe', 'set_muted']);
const HISTORY_PAGE = 50;
const SEARCH_LIMIT = 50;

/** Test seams: the browser APIs the session uses. */
export interface SessionEnvironment {
  readonly signaling?: Partial<Pick<SignalingClientOptions, 'createWebSocket' | 'backoffMs' | 'resumptionWindowMs'>>;
  readonly createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

let environment: SessionEnvironment = {};

/** Replaces browser APIs (tests only). */
export function setSessionEnvironment(env: SessionEnvironment): void {
  environment = env;
}

class MeetingSession {
  readonly roomId: string;
  private readonly signalingUrl: string;
  private readonly client: SignalingClient;
  readonly local: LocalMedia;
  private media: MediaSession | null = null;
  private readonly reporter: VisibleVideoReporter;
  private joinWaiter: { resolve: (r: JoinResult) => void; reject: (e: Error) => void } | null = null;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private reactionTimer: ReturnType<typeof setInterval> | null = null;
  private resumed = false;
  private earlyOffers: MediaSubscribeOfferEvent[] = [];
  private finished = false;
  private pendingDisplayName: string | null = null;
  private token: string | null = null;
  private participantId = '';
  private readonly onPageHide = () => this.saveToken();

  constructor(roomId: string, signalingUrl: string) {
    this.roomId = roomId;
    this.signalingUrl = signalingUrl;
    this.client = new SignalingClient({
      url: signalingUrl,
      ...environment.signaling,
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status) => {
        if (status === 'reconnecting') updateMeetingState(setReconnecting);
      },
      onEnd: (reason) => this.finish(reason),
      onCommandError: (e) => this.commandFailed(e),
    });
    this.local = new LocalMedia({
      media: () => this.media,
      setMuted: (source, muted) => this.trySend('media', { action: 'set_muted', source, muted }),
      notify: (code, params) => this.notify(code, params),
      mayUnmute: () => mayUnmute(getMeetingState()),
      mayPresent: () => mayPresent(getMeetingState()),
    });
    this.reporter = new VisibleVideoReporter((command) => this.trySend('media', { action: 'set_receive', ...command }));
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.onPageHide);
  }

  /** Connects and waits for join_success or the waiting room. */
  async start(credential: Credential): Promise<JoinResult> {
    this.resumed = 'resume' in credential;
    const joined = new Promise<JoinResult>((resolve, reject) => {
      this.joinWaiter = { resolve, reject };
    });
    this.joinTimer = setTimeout(() => this.finish('join_timeout'), JOIN_TIMEOUT_MS);
    try {
      await this.client.connect(credential);
    } catch {
      this.finish(this.resumed ? 'resume_failed' : 'rejected');
    }
    return joined;
  }

  // ---------------------------------------------------------------------------------------------
  // Frames

  private onFrame(frame: ServerFrame): void {
    const before = getMeetingState();
    const ctx = { now: Date.now(), pendingDisplayName: this.pendingDisplayName };
    updateMeetingState((s) => reduceFrame(s, frame, ctx));
    const after = getMeetingState();
    this.sideEffects(frame, before, after);
    if (after.phase === 'ended' && after.endReason !== null) this.finish(after.endReason);
  }

  private sideEffects(frame: ServerFrame, before: MeetingState, after: MeetingState): void {
    const p = frame.payload;
    switch (p.message) {
      case 'join_success':
        this.participantId = p.participant_id;
        this.rememberToken(p.resumption_token);
        this.settle({ phase: 'joined', participantId: p.participant_id });
        this.startMedia(before.phase);
        this.startReactionTimer();
        return;
      case 'waiting':
        this.participantId = p.participant_id;
        this.rememberToken(p.resumption_token);
        // Sent back from the room: the server dropped this device's media.
        this.stopMedia();
        this.settle({ phase: 'waiting', participantId: p.participant_id });
        return;
      case 'subscribe_offer':
        // The server may send the first offer just before join_success (admission runs the
        // media module first): keep it until the media session exists.
        if (this.media === null) this.earlyOffers.push(p);
        else void this.media.handleSubscribeOffer(p);
        return;
      case 'publish_layers':
        // Kept in the state too (reducer); the media session remembers it per mid for renegotiations.
        void this.media?.setPublishLayers(p.mid, p.active_rids);
        return;
      case 'mute_requested':
        void this.local.setMicrophoneEnabled(false).catch(() => {});
        return;
      case 'settings_changed':
        if (!mayUnmute(after) && this.local.microphoneOn) void this.local.setMicrophoneEnabled(false).catch(() => {});
        return;
      case 'presenter_changed':
        if (p.participant_id === after.selfId && !mayPresent(after)) this.local.screenEndedByServer();
        return;
      case 'updated':
        if (!('participant' in p)) return; // legal_vote/updated has no side effects
        if (p.participant.id === after.selfId) {
          if (p.participant.display_name === this.pendingDisplayName) this.pendingDisplayName = null;
          if (this.local.sharingScreen && !mayPresent(after)) this.local.screenEndedByServer();
        }
        return;
      case 'publications_changed':
        if (p.participant_id === after.selfId && this.local.sharingScreen && after.media.publications[p.participant_id]?.screen === undefined) {
          // The server ended the share (e.g. permission withdrawn) once it had been published.
          if (before.media.publications[p.participant_id]?.screen !== undefined) this.local.screenEndedByServer();
        }
        return;
      default:
        return;
    }
  }

  private settle(result: JoinResult): void {
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    const w = this.joinWaiter;
    this.joinWaiter = null;
    w?.resolve(result);
  }

  private rememberToken(token: string): void {
    this.client.setResumptionToken(token);
    if (token !== '') this.token = token;
    this.saveToken();
  }

  private saveToken(): void {
    if (this.token === null || this.finished) return;
    saveResumption(this.roomId, {
      token: this.token,
      signalingUrl: this.signalingUrl,
      participantId: this.participantId,
      savedAt: Date.now(),
      microphoneEnabled: this.local.microphoneOn,
      cameraEnabled: this.local.cameraOn,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Media

  private startMedia(phaseBefore: MeetingState['phase']): void {
    const state = getMeetingState();
    if (!state.media.available) return;
    if (this.media !== null) {
      // A resumption of the signaling connection: the peer connections may have lost their
      // path too (network change); restart ICE and get a fresh subscribe offer.
      if (phaseBefore === 'reconnecting') {
        this.reporter.reset();
        void this.media.restart('both').catch((e: unknown) => this.mediaError('restart', e));
      }
      return;
    }
    this.media = new MediaSession({
      signaling: {
        publish: async (fields) => (await this.client.request('media', { action: 'publish', ...fields }, 'publish_answer')).sdp,
        subscribeAnswer: (sdp, version) => this.trySend('media', { action: 'subscribe_answer', sdp, version }),
        restartSubscribe: (fresh) =>
          this.trySend('media', fresh ? { action: 'restart_subscribe', fresh: true } : { action: 'restart_subscribe' }),
      },
      iceServers: () => getMeetingState().media.iceServers.map((s) => ({ ...s, urls: [...s.urls] })),
      createPeerConnection: environment.createPeerConnection,
      cameraPublishing: loadCameraPublishing(),
      onRemoteTrack: (record, track) =>
        setRemoteStream(record.participantId, record.source, track === null ? null : new MediaStream([track])),
      onVideoMids: (mids) => {
        this.reporter.setMids(mids);
        updateMeetingState((s) => setVideoMids(s, mids));
      },
      onConnectionState: (connection, status) => updateMeetingState((s) => setPeerConnectionStatus(s, connection, status)),
      onError: (where, e) => this.mediaError(where, e),
    });
    this.reporter.reset();
    const early = this.earlyOffers;
    this.earlyOffers = [];
    if (this.resumed) {
      // After a page reload the server still holds this device's old subscribe connection (and
      // may have offered on it): ask for a fresh one for this page's new peer connection.
      this.media.restart('subscribe', true).catch((e: unknown) => this.mediaError('restart', e));
    } else {
      for (const offer of early) void this.media.handleSubscribeOffer(offer);
    }
    this.local.publishAll().catch((e: unknown) => this.mediaError('publish', e));
  }

  private stopMedia(): void {
    this.earlyOffers = [];
    this.media?.close();
    this.media = null;
    this.reporter.setMids(new Map());
    updateMeetingState(clearMediaAdaptation);
  }

  private mediaError(where: string, e: unknown): void {
    if (this.finished) return;
    if (where === 'publish_layers') {
      // Not fatal: the encodings keep their previous state; the next event or negotiation retries.
      console.warn('plenum: could not apply publish_layers', e);
      return;
    }
    if (e instanceof CommandError) {
      this.commandFailed(e);
      return;
    }
    const connection = where.includes('subscribe') ? 'subscribe' : 'publish';
    this.notify('media_failed', { connection, detail: e instanceof Error ? e.message.slice(0, 200) : String(e) });
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /** Sends a fire-and-forget command; false when not connected. */
  trySend<N extends Namespace>(namespace: N, payload: CommandOf<N>): boolean {
    try {
      this.client.command(namespace, payload);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a command; rejects when not connected (server refusals become notifications). */
  async send<N extends Namespace>(namespace: N, payload: CommandOf<N>): Promise<void> {
    this.client.command(namespace, payload);
    return Promise.resolve();
  }

  get signaling(): SignalingClient {
    return this.client;
  }

  setPendingDisplayName(name: string): void {
    this.pendingDisplayName = name;
  }

  setVisibleVideos(videos: Parameters<VisibleVideoReporter['setVisible']>[0]): void {
    this.reporter.setVisible(videos);
  }

  private commandFailed(e: CommandError): void {
    if (e.namespace === 'media' && INTERNAL_MEDIA_ACTIONS.has(e.action)) {
      // Not something the user did: handled here instead of an `action_failed` notice.
      if (e.action === 'set_receive' && (e.code === 'unknown_action' || e.code === 'invalid_field')) {
        this.reporter.disable(); // a server without visible-video reporting
      } else if (e.action === 'subscribe_answer' && e.code === 'invalid_sdp') {
        this.notify('media_failed', { connection: 'subscribe', detail: e.message.slice(0, 200) });
      }
      return;
    }
    this.notify('action_failed', { namespace: e.namespace, action: e.action, code: e.code });
  }

  notify(code: NotificationCode, params: NotificationParams): void {
    updateMeetingState((s) => addNotification(s, code, params, Date.now()));
  }

  private startReactionTimer(): void {
    if (this.reactionTimer !== null) return;
    let ticks = 0;
    this.reactionTimer = setInterval(() => {
      if (getMeetingState().reactions.recent.length > 0) updateMeetingState((s) => expireReactions(s, Date.now()));
      // The stored token's age counts from the last moment this tab was connected.
      ticks += 1;
      if (ticks % 10 === 0 && this.client.currentStatus === 'open') this.saveToken();
    }, 1000);
  }

  // ---------------------------------------------------------------------------------------------
  // Ending

  leave(): void {
    if (this.finished) return;
    this.client.leave();
    this.finish('left');
  }

  /** Ends this session for good (idempotent). */
  finish(reason: EndReason): void {
    if (this.finished) return;
    this.finished = true;
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.onPageHide);
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    if (this.reactionTimer !== null) clearInterval(this.reactionTimer);
    this.joinTimer = null;
    this.reactionTimer = null;
    this.client.close();
    this.reporter.dispose();
    this.stopMedia();
    this.local.stopAll();
    clearStreams();
    clearResumption(this.roomId);
    updateMeetingState((s) => setEnded(s, reason));
    const w = this.joinWaiter;
    this.joinWaiter = null;
    w?.reject(new MeetingError(reason));
  }

  get isFinished(): boolean {
    return this.finished;
  }
}

let current: MeetingSession | null = null;

function begin(roomId: string, signalingUrl: string): MeetingSession {
  current?.leave();
  const session = new MeetingSession(roomId, signalingUrl);
  current = session;
  return session;
}

/** Whether this tab holds a resumption token for the room that may still be valid. */
export function hasResumableMeeting(roomId: string): boolean {
  return loadResumption(roomId) !== null;
}

/**
 * Connects to a meeting with a ticket from POST /rooms/{id}/start(_invited). Resolves when
 * joined or admitted to the waiting room; rejects with MeetingError (reason: rejected, room_full,
 * banned, room_closed, join_timeout, ...).
 */
export async function joinMeeting(options: JoinOptions): Promise<JoinResult> {
  const session = begin(options.roomId, options.signalingUrl);
  updateMeetingState((s) => startConnecting(options.roomId, INITIAL_LOCAL_MEDIA, s.media.streamsVersion));
  session.local.adopt(options.localStream, options.microphoneEnabled, options.cameraEnabled);
  return session.start({ ticket: options.ticket });
}

/**
 * Resumes the participant this tab was (after a reload) with the stored token. Without a
 * localStream the remembered devices are opened for the sources that were on.
 */
export async function resumeMeeting(roomId: string, options: ResumeOptions = {}): Promise<JoinResult> {
  const stored = loadResumption(roomId);
  if (stored === null) throw new MeetingError('resume_failed', 'no resumption token');
  const session = begin(roomId, stored.signalingUrl);
  updateMeetingState((s) => startConnecting(roomId, INITIAL_LOCAL_MEDIA, s.media.streamsVersion));
  let stream = options.localStream ?? null;
  if (options.localStream === undefined && (stored.microphoneEnabled || stored.cameraEnabled)) {
    const prefs = loadDevicePreferences();
    const got = await acquireMedia({
      microphone: stored.microphoneEnabled,
      camera: stored.cameraEnabled,
      microphoneId: prefs.microphoneId,
      cameraId: prefs.cameraId,
    });
    stream = got.stream;
  }
  session.local.adopt(stream, stored.microphoneEnabled, stored.cameraEnabled);
  return session.start({ resume: stored.token });
}

/** Leaves the meeting (others see `left` at once); phase becomes ended/left. */
export function leaveMeeting(): void {
  current?.leave();
}

// -----------------------------------------------------------------------------------------------
// Actions

function active(): MeetingSession | null {
  return current !== null && !current.isFinished ? current : null;
}

function cmd<N extends Namespace>(namespace: N, payload: CommandOf<N>): Promise<void> {
  const s = active();
  return s === null ? Promise.resolve() : s.send(namespace, payload);
}

function ids(list: readonly string[] | 'everyone'): { participant_ids: string[]; everyone: boolean } {
  return list === 'everyone' ? { participant_ids: [], everyone: true } : { participant_ids: [...list], everyone: false };
}

export const actions: MeetingActions = {
  setDisplayName(displayName) {
    active()?.setPendingDisplayName(displayName);
    return cmd('control', { action: 'set_display_name', display_name: displayName });
  },
  sendChat(target, content) {
    const payload =
      target.scope === 'everyone'
        ? ({ action: 'send', scope: 'everyone', content } as const)
        : target.scope === 'group'
          ? ({ action: 'send', scope: 'group', group: target.group, content } as const)
          : ({ action: 'send', scope: 'private', recipient: target.recipient, content } as const);
    if (target.scope === 'private') updateMeetingState((st) => openConversation(st, `private:${target.recipient}`));
    return cmd('chat', payload);
  },
  async loadChatHistory(conversation, limit = HISTORY_PAGE) {
    const s = active();
    if (s === null) return;
    const conv = getMeetingState().chat.conversations[conversation];
    if (conv?.loadingHistory) return;
    const before = conv?.messages[0]?.id;
    updateMeetingState((st) => setHistoryLoading(st, conversation, true));
    try {
      await s.signaling.request('chat', before === undefined ? { action: 'history', conversation, limit } : { action: 'history', conversation, before, limit }, 'history');
    } catch (e) {
      updateMeetingState((st) => setHistoryLoading(st, conversation, false));
      if (e instanceof CommandError) s.notify('action_failed', { namespace: 'chat', action: 'history', code: e.code });
      throw e;
    }
  },
  async searchChat(query, limit = SEARCH_LIMIT) {
    const s = active();
    if (s === null) return;
    updateMeetingState((st) => startSearch(st, query));
    try {
      await s.signaling.request('chat', { action: 'search', query, limit }, 'search_results');
    } catch (e) {
      updateMeetingState(clearSearch);
      if (e instanceof CommandError) s.notify('action_failed', { namespace: 'chat', action: 'search', code: e.code });
      throw e;
    }
  },
  clearChatSearch() {
    updateMeetingState(clearSearch);
  },
  markConversationSeen(conversation) {
    const before = getMeetingState().chat.conversations[conversation]?.lastSeen;
    updateMeetingState((st) => markSeen(st, conversation));
    const after = getMeetingState().chat.conversations[conversation]?.lastSeen;
    if (after !== undefined && after !== before) {
      active()?.trySend('chat', { action: 'set_last_seen', conversation, message_id: after });
    }
  },
  clearChat: () => cmd('chat', { action: 'clear' }),
  setChatEnabled: (enabled) => cmd('chat', { action: 'set_enabled', enabled }),
  raiseHand: () => cmd('hands', { action: 'raise' }),
  lowerHand: () => cmd('hands', { action: 'lower' }),
  lowerHands: (list) => cmd('hands', { action: 'reset', ...ids(list) }),
  setHandsEnabled: (enabled) => cmd('hands', { action: 'set_enabled', enabled }),
  react: (reaction) => cmd('reactions', { action: 'send', reaction }),
  setReactionsEnabled: (enabled) => cmd('reactions', { action: 'set_enabled', enabled }),
  startPoll: (poll) =>
    cmd('polls', {
      action: 'start',
      topic: poll.topic,
      choices: [...poll.choices],
      multiple: poll.multiple,
      live: poll.live,
      ...(poll.durationSeconds === undefined ? {} : { duration_seconds: poll.durationSeconds }),
    }),
  votePoll: (pollId, choices) => cmd('polls', { action: 'vote', poll_id: pollId, choices: [...choices] }),
  stopPoll: (pollId) => cmd('polls', { action: 'stop', poll_id: pollId }),
  loadPollTemplates: () => cmd('polls', { action: 'list_templates' }),
  loadLegalVoteTemplates: () => cmd('legal_vote', { action: 'list_templates' }),
  startTimer: (timer) =>
    cmd('timer', {
      action: 'start',
      kind: timer.kind,
      ...(timer.title === undefined || timer.title === '' ? {} : { title: timer.title }),
      ...(timer.durationSeconds === undefined ? {} : { duration_seconds: timer.durationSeconds }),
      ...(timer.readyCheck === undefined ? {} : { ready_check: timer.readyCheck }),
    }),
  stopTimer: (timerId) => cmd('timer', { action: 'stop', timer_id: timerId }),
  setTimerReady: (timerId, ready) => cmd('timer', { action: 'set_ready', timer_id: timerId, ready }),
  startLegalVote: (vote) =>
    cmd('legal_vote', {
      action: 'start',
      name: vote.name,
      ...(vote.subtitle ? { subtitle: vote.subtitle } : {}),
      ...(vote.topic ? { topic: vote.topic } : {}),
      kind: vote.kind,
      allow_abstain: vote.allowAbstain,
      live_results: vote.kind === 'secret' ? false : vote.liveResults,
      auto_close: vote.autoClose,
      ...(vote.durationSeconds === undefined ? {} : { duration_seconds: vote.durationSeconds }),
    }),
  castLegalVote: (voteId, choice) => {
    const token = getMeetingState().legalVote.ballots[voteId];
    if (token === undefined) return Promise.reject(new Error('no ballot for this vote'));
    return cmd('legal_vote', { action: 'vote', vote_id: voteId, token, choice });
  },
  stopLegalVote: (voteId) => cmd('legal_vote', { action: 'stop', vote_id: voteId }),
  cancelLegalVote: (voteId, reason) => cmd('legal_vote', { action: 'cancel', vote_id: voteId, reason }),
  raisePointOfOrder: (reason) => cmd('points_of_order', { action: 'raise', reason }),
  withdrawPointOfOrder: () => cmd('points_of_order', { action: 'withdraw' }),
  clearPointsOfOrder: (list) => cmd('points_of_order', { action: 'clear', ...ids(list) }),
  startSpeakers: (q) =>
    cmd('speakers', {
      action: 'start',
      selection: q.selection,
      order: q.order,
      include_moderators: q.includeModerators,
      append_late_joiners: q.appendLateJoiners,
      ...(q.timeLimitSeconds === undefined ? {} : { time_limit_seconds: q.timeLimitSeconds }),
    }),
  nextSpeaker: (queueId, participantId) =>
    cmd('speakers', { action: 'next', queue_id: queueId, ...(participantId === undefined ? {} : { participant_id: participantId }) }),
  skipSpeaker: (queueId) => cmd('speakers', { action: 'skip', queue_id: queueId }),
  yieldWord: (queueId, participantId) =>
    cmd('speakers', { action: 'yield', queue_id: queueId, ...(participantId === undefined ? {} : { participant_id: participantId }) }),
  addSpeaker: (queueId, participantId) => cmd('speakers', { action: 'add', queue_id: queueId, participant_id: participantId }),
  removeSpeaker: (queueId, participantId) => cmd('speakers', { action: 'remove', queue_id: queueId, participant_id: participantId }),
  stopSpeakers: (queueId) => cmd('speakers', { action: 'stop', queue_id: queueId }),
  kick: (participantId) => cmd('moderation', { action: 'kick', participant_id: participantId }),
  ban: (participantId, persistent) => cmd('moderation', { action: 'ban', participant_id: participantId, persistent }),
  setRole: (participantId, role) => cmd('moderation', { action: 'set_role', participant_id: participantId, role }),
  rename: (participantId, displayName) =>
    cmd('moderation', { action: 'rename', participant_id: participantId, display_name: displayName }),
  setSelfRename: (allowed) => cmd('moderation', { action: 'set_self_rename', allowed }),
  requestMute: (list) => cmd('moderation', { action: 'request_mute', ...ids(list) }),
  setPodium: (list) => cmd('moderation', { action: 'set_podium', participant_ids: [...list] }),
  restrictMicrophones: (enabled, allowed) =>
    cmd('moderation', { action: 'restrict_microphones', enabled, allowed: [...allowed] }),
  lockRoom: (locked) => cmd('moderation', { action: 'lock', locked }),
  debrief: (scope) => cmd('moderation', { action: 'debrief', scope }),
  admit: (list) => cmd('waiting_room', { action: 'admit', participant_ids: [...list] }),
  admitAll: () => cmd('waiting_room', { action: 'admit_all' }),
  sendBack: (participantId) => cmd('waiting_room', { action: 'send_back', participant_id: participantId }),
  setWaitingRoomMode: (mode) => cmd('waiting_room', { action: 'set_mode', mode }),
  setPresenter: (participantId, allowed) =>
    cmd('media', { action: 'set_presenter', participant_id: participantId, allowed }),
  async setMicrophoneEnabled(enabled) {
    await active()?.local.setMicrophoneEnabled(enabled);
  },
  async toggleMicrophone() {
    const s = active();
    if (s !== null) await s.local.setMicrophoneEnabled(!s.local.microphoneOn);
  },
  async setCameraEnabled(enabled) {
    await active()?.local.setCameraEnabled(enabled);
  },
  async toggleCamera() {
    const s = active();
    if (s !== null) await s.local.setCameraEnabled(!s.local.cameraOn);
  },
  async startScreenShare() {
    await active()?.local.startScreenShare();
  },
  async stopScreenShare() {
    await active()?.local.stopScreenShare();
  },
  async switchMicrophone(deviceId) {
    await active()?.local.switchMicrophone(deviceId);
  },
  async switchCamera(deviceId) {
    await active()?.local.switchCamera(deviceId);
  },
  setVisibleVideos(videos) {
    active()?.setVisibleVideos(videos);
  },
  dismissNotification(id) {
    updateMeetingState((s) => dismissNotification(s, id));
  },
};

/** Whether the local user is a moderator right now (convenience for non-React code). */
export function selfIsModerator(): boolean {
  return isModerator(getMeetingState());
}
