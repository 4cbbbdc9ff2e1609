/** The state before any meeting (and after resetting for a new one). */
import type { LocalMediaState, MediaSlice, MeetingState } from '../types';

export const INITIAL_LOCAL_MEDIA: LocalMediaState = {
  microphone: false,
  camera: false,
  screen: false,
  hasMicrophone: false,
  hasCamera: false,
  microphoneDeviceId: null,
  cameraDeviceId: null,
};

export const INITIAL_MEDIA: MediaSlice = {
  available: false,
  iceServers: [],
  publications: {},
  presenters: [],
  activeSpeaker: null,
  speakingTimes: {},
  lastSpokeAt: {},
  connection: { publish: 'new', subscribe: 'new' },
  local: INITIAL_LOCAL_MEDIA,
  publishLayers: {},
  receiveQuality: { pausedMids: [], estimateKbps: null },
  videoMids: {},
  streamsVersion: 0,
};

export const INITIAL_STATE: MeetingState = {
  phase: 'idle',
  endReason: null,
  roomId: null,
  selfId: null,
  room: null,
  participants: {},
  waiting: [],
  waitingRoomMode: 'off',
  moderation: {
    locked: false,
    self_rename: true,
    podium: [],
    microphone_restriction: false,
    microphone_allowed: [],
  },
  hands: { enabled: true, raised: [] },
  reactions: { enabled: true, recent: [] },
  chat: { enabled: true, conversations: {}, search: null },
  media: INITIAL_MEDIA,
  polls: { current: null },
  timer: { current: null, clockOffsetMs: null },
  pointsOfOrder: { raised: [] },
  legalVote: { votes: [], ballots: {}, receipts: {}, publicKey: '' },
  templates: { polls: null, votes: null },
  speakers: { queue: null, lastSpin: null, timeUp: null },
  notifications: [],
  closingAt: null,
  seq: 1,
};
