import { describe, expect, it, vi } from 'vitest';
import { privateKey, searchableQuery, targetOf } from './chat';
import { bestGrid, clampPage, pageCount, pageItems } from './pagination';
import { filterPeople, formatDuration, initials } from './people';
import { DEFAULT_ROOM_PREFERENCES, parseRoomPreferences } from './preferences';
import { PushToTalk } from './pushToTalk';
import { isPushToTalkKey, isTypingTarget, matchShortcut, type KeyLike } from './shortcuts';
import { buildTiles, chooseMainTile, newScreenShares, tileKey, type TileParticipant } from './tiles';
import { normalizeVisible, quantizeSize, sameVisible, tilePriority } from './visibleVideos';

describe('pagination', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0, 9)).toBe(1);
    expect(pageCount(9, 9)).toBe(1);
    expect(pageCount(10, 9)).toBe(2);
    expect(pageCount(26, 25)).toBe(2);
  });

  it('clamps a page that no longer exists', () => {
    expect(clampPage(3, 10, 9)).toBe(1);
    expect(clampPage(-1, 10, 9)).toBe(0);
    expect(clampPage(1, 9, 9)).toBe(0);
  });

  it('slices the page', () => {
    const items = Array.from({ length: 14 }, (_, i) => i);
    expect(pageItems(items, 0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pageItems(items, 2, 6)).toEqual([12, 13]);
    expect(pageItems(items, 9, 6)).toEqual([12, 13]);
  });

  it('chooses the column count that gives the largest tiles', () => {
    expect(bestGrid(1, 1600, 900, 0).columns).toBe(1);
    expect(bestGrid(4, 1600, 900, 0)).toMatchObject({ columns: 2, rows: 2, tileWidth: 800 });
    // a tall phone screen stacks two tiles
    expect(bestGrid(2, 360, 640, 0).columns).toBe(1);
    // a wide screen puts them side by side
    expect(bestGrid(2, 1600, 500, 0).columns).toBe(2);
    expect(bestGrid(9, 1600, 900, 0).columns).toBe(3);
  });
});

describe('people', () => {
  const ada = { id: 'a', display_name: 'Ada' };
  const bob = { id: 'b', display_name: 'bob' };
  const cem = { id: 'c', display_name: 'Çem Öz' };

  it('searches ignoring case and accents', () => {
    expect(filterPeople([ada, bob, cem], 'CEM').map((p) => p.id)).toEqual(['c']);
    expect(filterPeople([ada, bob, cem], ' oz').map((p) => p.id)).toEqual(['c']);
    expect(filterPeople([ada, bob, cem], '')).toHaveLength(3);
  });
  it('formats durations and initials', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(initials(' ada  king lovelace ')).toBe('AL');
    expect(initials('Ödön')).toBe('Ö');
    expect(initials('')).toBe('?');
  });
});

function key(k: string, extra: Partial<KeyLike> = {}): KeyLike {
  return { key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...extra };
}

describe('shortcuts', () => {
  it('maps Ctrl+Shift letters to actions', () => {
    expect(matchShortcut(key('M', { ctrlKey: true, shiftKey: true }))).toBe('microphone');
    expect(matchShortcut(key('v', { ctrlKey: true, shiftKey: true }))).toBe('camera');
    expect(matchShortcut(key('H', { ctrlKey: true, shiftKey: true }))).toBe('hand');
    expect(matchShortcut(key('S', { ctrlKey: true, shiftKey: true }))).toBe('screen');
    expect(matchShortcut(key('F', { ctrlKey: true, shiftKey: true }))).toBe('fullscreen');
  });
  it('ignores other combinations', () => {
    expect(matchShortcut(key('M', { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(key('M', { ctrlKey: true, shiftKey: true, altKey: true }))).toBeNull();
    expect(matchShortcut(key('X', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
  it('leaves Ctrl+Shift+V (paste as text) to text fields', () => {
    const input = document.createElement('input');
    expect(matchShortcut(key('V', { ctrlKey: true, shiftKey: true, target: input }))).toBeNull();
    expect(matchShortcut(key('M', { ctrlKey: true, shiftKey: true, target: input }))).toBe('microphone');
  });
  it('recognises typing targets', () => {
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(isTypingTarget(checkbox)).toBe(false);
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    // jsdom does not implement isContentEditable; role=textbox is the fallback
    editable.setAttribute('role', 'textbox');
    expect(isTypingTarget(editable)).toBe(true);
    expect(isTypingTarget(document.body)).toBe(false);
  });
  it('takes Space for push-to-talk only outside fields and controls', () => {
    expect(isPushToTalkKey(key(' ', { target: document.body }))).toBe(true);
    expect(isPushToTalkKey(key(' ', { target: document.createElement('input') }))).toBe(false);
    expect(isPushToTalkKey(key(' ', { target: document.createElement('button') }))).toBe(false);
    expect(isPushToTalkKey(key(' ', { target: document.body, ctrlKey: true }))).toBe(false);
    expect(isPushToTalkKey(key('a', { target: document.body }))).toBe(false);
  });
});

describe('PushToTalk', () => {
  it('unmutes while held and mutes again on release', () => {
    const set = vi.fn();
    const ptt = new PushToTalk(set);
    expect(ptt.press(true, false)).toBe(true);
    expect(ptt.press(true, true)).toBe(true); // key repeat
    expect(set.mock.calls).toEqual([[true]]);
    ptt.release();
    expect(set.mock.calls).toEqual([[true], [false]]);
    ptt.release();
    expect(set).toHaveBeenCalledTimes(2);
  });
  it('does nothing while the microphone is already on', () => {
    const set = vi.fn();
    const ptt = new PushToTalk(set);
    expect(ptt.press(false, false)).toBe(false);
    ptt.release();
    expect(set).not.toHaveBeenCalled();
  });
});

describe('tiles', () => {
  const people: TileParticipant[] = [
    { id: 'b', joined_at: 20, kind: 'guest' },
    { id: 'self', joined_at: 30, kind: 'user' },
    { id: 'a', joined_at: 10, kind: 'user' },
    { id: 'rec', joined_at: 5, kind: 'service' },
  ];

  it('orders screen shares, self, then others by join time; no service tiles', () => {
    const tiles = buildTiles({ participants: people, selfId: 'self', screenSharers: ['b'], pinnedKey: null });
    expect(tiles.map((t) => t.key)).toEqual(['b:screen', 'self:camera', 'a:camera', 'b:camera']);
    expect(tiles[1]?.isSelf).toBe(true);
  });

  it('puts the pinned tile first; ignores an unknown pin and departed sharers', () => {
    const pinned = buildTiles({ participants: people, selfId: 'self', screenSharers: ['gone'], pinnedKey: 'b:camera' });
    expect(pinned.map((t) => t.key)).toEqual(['b:camera', 'self:camera', 'a:camera']);
    const unknown = buildTiles({ participants: people, selfId: 'self', screenSharers: [], pinnedKey: 'x:camera' });
    expect(unknown.map((t) => t.key)).toEqual(['self:camera', 'a:camera', 'b:camera']);
  });

  it('chooses the large tile of speaker view', () => {
    const tiles = buildTiles({ participants: people, selfId: 'self', screenSharers: [], pinnedKey: null });
    const none = { pinnedKey: null, activeSpeakerId: null, lastRemoteSpeakerId: null };
    expect(chooseMainTile(tiles, none)?.key).toBe('a:camera');
    expect(chooseMainTile(tiles, { ...none, activeSpeakerId: 'b' })?.key).toBe('b:camera');
    // the own camera is not shown large when speaking: the last remote speaker stays
    expect(chooseMainTile(tiles, { ...none, activeSpeakerId: 'self', lastRemoteSpeakerId: 'b' })?.key).toBe('b:camera');
    expect(chooseMainTile(tiles, { ...none, pinnedKey: tileKey('self', 'camera') })?.key).toBe('self:camera');
    const shared = buildTiles({ participants: people, selfId: 'self', screenSharers: ['a'], pinnedKey: null });
    expect(chooseMainTile(shared, { ...none, activeSpeakerId: 'b' })?.key).toBe('a:screen');
    expect(chooseMainTile([], none)).toBeNull();
    // the own screen share is not shown large to oneself
    const own = buildTiles({ participants: people, selfId: 'self', screenSharers: ['self'], pinnedKey: null });
    expect(chooseMainTile(own, { ...none, activeSpeakerId: 'b' })?.key).toBe('b:camera');
  });

  it('finds new screen shares', () => {
    expect(newScreenShares(['a'], ['a', 'b'])).toEqual(['b']);
    expect(newScreenShares(['a', 'b'], ['a'])).toEqual([]);
  });
});

describe('visible videos', () => {
  it('quantizes sizes to 16 px steps', () => {
    expect(quantizeSize(0)).toBe(0);
    expect(quantizeSize(1)).toBe(16);
    expect(quantizeSize(320)).toBe(320);
    expect(quantizeSize(321.5)).toBe(336);
  });
  it('normalizes: sorted, deduplicated by largest, zero sizes dropped', () => {
    const list = normalizeVisible([
      { participantId: 'b', source: 'camera', width: 100, height: 50 },
      { participantId: 'a', source: 'camera', width: 0, height: 50 },
      { participantId: 'b', source: 'camera', width: 640, height: 360 },
      { participantId: 'a', source: 'screen', width: 1280, height: 720 },
    ]);
    expect(list).toEqual([
      { participantId: 'a', source: 'screen', width: 1280, height: 720, priority: 'normal' },
      { participantId: 'b', source: 'camera', width: 640, height: 368, priority: 'normal' },
    ]);
    expect(sameVisible(list, normalizeVisible([...list].reverse()))).toBe(true);
    expect(sameVisible(list, list.slice(1))).toBe(false);
  });
  it('priority: high for screen shares, the main and the pinned tile; kept by any tile of a video; compared', () => {
    expect(tilePriority('screen', false, false)).toBe('high');
    expect(tilePriority('camera', true, false)).toBe('high');
    expect(tilePriority('camera', false, true)).toBe('high');
    expect(tilePriority('camera', false, false)).toBe('normal');
    const list = normalizeVisible([
      { participantId: 'a', source: 'camera', width: 160, height: 90, priority: 'high' },
      { participantId: 'a', source: 'camera', width: 640, height: 360, priority: 'normal' },
    ]);
    expect(list).toEqual([{ participantId: 'a', source: 'camera', width: 640, height: 368, priority: 'high' }]);
    const normal = [{ participantId: 'a', source: 'camera' as const, width: 640, height: 368 }];
    expect(sameVisible(list, normal)).toBe(false);
    expect(sameVisible(normal, [{ ...normal[0]!, priority: 'normal' }])).toBe(true);
  });
});

describe('chat keys', () => {
  it('maps conversation keys to send targets', () => {
    expect(targetOf('everyone')).toEqual({ scope: 'everyone' });
    expect(targetOf('group:moderators')).toEqual({ scope: 'group', group: 'moderators' });
    expect(targetOf(privateKey('p-1'))).toEqual({ scope: 'private', recipient: 'p-1' });
    expect(targetOf('group:')).toBeNull();
    expect(targetOf('nonsense')).toBeNull();
  });
  it('searches from two characters (code points) on', () => {
    expect(searchableQuery(' a ')).toBeNull();
    expect(searchableQuery('😀')).toBeNull();
    expect(searchableQuery(' ab ')).toBe('ab');
  });
});

describe('room preferences', () => {
  it('falls back to defaults for missing or invalid values', () => {
    expect(parseRoomPreferences(null)).toEqual(DEFAULT_ROOM_PREFERENCES);
    expect(parseRoomPreferences('{oops')).toEqual(DEFAULT_ROOM_PREFERENCES);
    expect(parseRoomPreferences('{"layout":"mosaic","tilesPerPage":7,"shortcutsEnabled":"no"}')).toEqual(DEFAULT_ROOM_PREFERENCES);
  });
  it('reads stored choices', () => {
    expect(parseRoomPreferences('{"layout":"speaker","tilesPerPage":25,"shortcutsEnabled":false,"soundsEnabled":false}')).toEqual({
      layout: 'speaker',
      tilesPerPage: 25,
      shortcutsEnabled: false,
      soundsEnabled: false,
    });
  });
});
