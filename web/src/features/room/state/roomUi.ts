/**
 * View state of the meeting room that is not meeting state: which panel is open, the layout,
 * the page, the pin, the open dialog. One room is shown at a time, so one store suffices;
 * MeetingRoom resets it when it mounts.
 */
import { create } from 'zustand';
import { loadDevicePreferences, saveDevicePreferences } from '../../../devices';
import type { ConversationKey } from '../../../meeting';
import type { TilesPerPage } from '../logic/pagination';
import { loadRoomPreferences, saveRoomPreferences, type RoomPreferences } from '../logic/preferences';
import type { LayoutMode } from '../logic/tiles';

export type PanelTab = 'chat' | 'people';

export type RoomDialog =
  | { readonly kind: 'rename'; readonly participantId: string }
  | { readonly kind: 'kick'; readonly participantId: string }
  | { readonly kind: 'ban'; readonly participantId: string }
  | { readonly kind: 'debrief' }
  | { readonly kind: 'clearChat' }
  | { readonly kind: 'shortcuts' }
  | { readonly kind: 'startPoll' }
  | { readonly kind: 'startLegalVote' }
  | { readonly kind: 'startSpeakers' }
  | { readonly kind: 'pointOfOrder' }
  | { readonly kind: 'startTimer'; readonly timerKind: 'stopwatch' | 'countdown' | 'coffee_break' };

export interface RoomUiState extends RoomPreferences {
  readonly panel: PanelTab | null;
  readonly conversation: ConversationKey;
  readonly page: number;
  readonly pinnedKey: string | null;
  readonly dialog: RoomDialog | null;
  /** Audio output for the remote audio (setSinkId); null: the system default. */
  readonly speakerId: string | null;
  /** The browser refused to play remote audio without a user gesture. */
  readonly audioBlocked: boolean;
}

export interface RoomUiActions {
  reset(): void;
  openPanel(tab: PanelTab): void;
  togglePanel(tab: PanelTab): void;
  closePanel(): void;
  selectConversation(key: ConversationKey): void;
  /** Opens the chat on a conversation (e.g. "send private message" from the people list). */
  openConversation(key: ConversationKey): void;
  setLayout(layout: LayoutMode): void;
  setTilesPerPage(count: TilesPerPage): void;
  setPage(page: number): void;
  togglePin(tileKey: string): void;
  setShortcutsEnabled(enabled: boolean): void;
  setSoundsEnabled(enabled: boolean): void;
  openDialog(dialog: RoomDialog): void;
  closeDialog(): void;
  /** Chooses the speaker and remembers it with the other device choices. */
  setSpeaker(deviceId: string | null): void;
  setAudioBlocked(blocked: boolean): void;
}

function initial(): RoomUiState {
  return {
    ...loadRoomPreferences(),
    panel: null,
    conversation: 'everyone',
    page: 0,
    pinnedKey: null,
    dialog: null,
    speakerId: loadDevicePreferences().speakerId ?? null,
    audioBlocked: false,
  };
}

function persist(s: RoomUiState): void {
  saveRoomPreferences({ layout: s.layout, tilesPerPage: s.tilesPerPage, shortcutsEnabled: s.shortcutsEnabled, soundsEnabled: s.soundsEnabled });
}

export const useRoomUi = create<RoomUiState & RoomUiActions>()((set, get) => ({
  ...initial(),
  reset: () => set(initial()),
  openPanel: (tab) => set({ panel: tab }),
  togglePanel: (tab) => set((s) => ({ panel: s.panel === tab ? null : tab })),
  closePanel: () => set({ panel: null }),
  selectConversation: (key) => set({ conversation: key }),
  openConversation: (key) => set({ conversation: key, panel: 'chat' }),
  setLayout: (layout) => {
    set({ layout });
    persist(get());
  },
  setTilesPerPage: (tilesPerPage) => {
    set({ tilesPerPage, page: 0 });
    persist(get());
  },
  setPage: (page) => set({ page: Math.max(0, page) }),
  togglePin: (tileKey) => set((s) => ({ pinnedKey: s.pinnedKey === tileKey ? null : tileKey, page: 0 })),
  setShortcutsEnabled: (shortcutsEnabled) => {
    set({ shortcutsEnabled });
    persist(get());
  },
  setSoundsEnabled: (soundsEnabled) => {
    set({ soundsEnabled });
    persist(get());
  },
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setAudioBlocked: (audioBlocked) => set({ audioBlocked }),
  setSpeaker: (speakerId) => {
    set({ speakerId });
    saveDevicePreferences({ ...loadDevicePreferences(), speakerId: speakerId ?? undefined });
  },
}));
