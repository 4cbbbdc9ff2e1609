/** The room's remembered view choices (localStorage key `plenum.room`). */
import { readStorage, writeStorage } from '../../../lib/storage';
import { DEFAULT_TILES_PER_PAGE, isTilesPerPage, type TilesPerPage } from './pagination';
import type { LayoutMode } from './tiles';

export const ROOM_PREFERENCES_KEY = 'plenum.room';

export interface RoomPreferences {
  readonly layout: LayoutMode;
  readonly tilesPerPage: TilesPerPage;
  readonly shortcutsEnabled: boolean;
  /** Sound signals (a speaker's time is up). */
  readonly soundsEnabled: boolean;
}

export const DEFAULT_ROOM_PREFERENCES: RoomPreferences = {
  layout: 'grid',
  tilesPerPage: DEFAULT_TILES_PER_PAGE,
  shortcutsEnabled: true,
  soundsEnabled: true,
};

export function parseRoomPreferences(text: string | null): RoomPreferences {
  if (text === null) return DEFAULT_ROOM_PREFERENCES;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_ROOM_PREFERENCES;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_ROOM_PREFERENCES;
  const v = value as Record<string, unknown>;
  return {
    layout: v.layout === 'speaker' || v.layout === 'grid' ? v.layout : DEFAULT_ROOM_PREFERENCES.layout,
    tilesPerPage: isTilesPerPage(v.tilesPerPage) ? v.tilesPerPage : DEFAULT_ROOM_PREFERENCES.tilesPerPage,
    shortcutsEnabled:
      typeof v.shortcutsEnabled === 'boolean' ? v.shortcutsEnabled : DEFAULT_ROOM_PREFERENCES.shortcutsEnabled,
    soundsEnabled: typeof v.soundsEnabled === 'boolean' ? v.soundsEnabled : DEFAULT_ROOM_PREFERENCES.soundsEnabled,
  };
}

export function loadRoomPreferences(): RoomPreferences {
  return parseRoomPreferences(readStorage(ROOM_PREFERENCES_KEY));
}

export function saveRoomPreferences(preferences: RoomPreferences): void {
  writeStorage(ROOM_PREFERENCES_KEY, JSON.stringify(preferences));
}
