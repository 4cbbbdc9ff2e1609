/**
 * The one running meeting of this page: joins, resumes, leaves, and carries out the UI's actions.
 * (First version of the interface; the implementation follows.)
 */
import type { MeetingActions } from './actions';
import { loadResumption } from './signaling/resumption';
import type { JoinOptions, JoinResult, ResumeOptions } from './types';

/** Whether this tab holds a resumption token for the room that may still be valid. */
export function hasResumableMeeting(roomId: string): boolean {
  return loadResumption(roomId) !== null;
}

export function joinMeeting(options: JoinOptions): Promise<JoinResult> {
  void options;
  return Promise.reject(new Error('not implemented yet'));
}

export function resumeMeeting(roomId: string, options: ResumeOptions = {}): Promise<JoinResult> {
  void roomId;
  void options;
  return Promise.reject(new Error('not implemented yet'));
}

export function leaveMeeting(): void {}

const pending = (): Promise<void> => Promise.reject(new Error('not implemented yet'));

export const actions: MeetingActions = {
  setDisplayName: pending,
  sendChat: pending,
  loadChatHistory: pending,
  searchChat: pending,
  clearChatSearch: () => {},
  markConversationSeen: () => {},
  clearChat: pending,
  setChatEnabled: pending,
  raiseHand: pending,
  lowerHand: pending,
  lowerHands: pending,
  setHandsEnabled: pending,
  react: pending,
  setReactionsEnabled: pending,
  kick: pending,
  ban: pending,
  setRole: pending,
  rename: pending,
  setSelfRename: pending,
  requestMute: pending,
  setPodium: pending,
  restrictMicrophones: pending,
  lockRoom: pending,
  debrief: pending,
  admit: pending,
  admitAll: pending,
  sendBack: pending,
  setWaitingRoomMode: pending,
  setPresenter: pending,
  setMicrophoneEnabled: pending,
  toggleMicrophone: pending,
  setCameraEnabled: pending,
  toggleCamera: pending,
  startScreenShare: pending,
  stopScreenShare: pending,
  switchMicrophone: pending,
  switchCamera: pending,
  setVisibleVideos: () => {},
  dismissNotification: () => {},
};
