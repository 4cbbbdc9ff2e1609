import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../i18n';
import type { MeetingNotification } from '../../../meeting';
import { endReasonText } from './StatusScreens';
import { isSticky, notificationText } from './notificationText';

const n = (code: MeetingNotification['code'], params: MeetingNotification['params'] = {}): MeetingNotification => ({
  id: 1,
  code,
  params,
  at: 0,
});

describe('notificationText', () => {
  const en = createTranslate('en');
  const de = createTranslate('de');

  it('fills parameters', () => {
    expect(notificationText(en, n('renamed', { display_name: 'Ada' }), 'en')).toBe('A moderator renamed you to “Ada”.');
    expect(notificationText(de, n('waiter_entered', { display_name: 'Bob' }), 'de')).toBe('Bob wartet auf Einlass.');
    // the hour depends on the machine's time zone, the minutes do not
    expect(notificationText(en, n('room_closing', { at: Date.UTC(2026, 0, 1, 10, 30) }), 'en')).toMatch(
      /^The meeting ends at \d\d:30( [AP]M)? \(time limit\)\.$/,
    );
  });

  it('explains refused actions by error code, with a fallback', () => {
    expect(notificationText(en, n('action_failed', { code: 'forbidden' }), 'en')).toBe('You are not allowed to do that.');
    expect(notificationText(en, n('action_failed', { code: 'invalid_field' }), 'en')).toBe('That did not work (invalid_field).');
  });

  it('has a sentence for every plain code', () => {
    expect(notificationText(de, n('promoted'), 'de')).toBe('Sie moderieren jetzt.');
    expect(notificationText(en, n('admitted'), 'en')).toBe('You were admitted to the meeting.');
  });

  it('keeps only the important ones until dismissed', () => {
    expect(isSticky('room_closing')).toBe(true);
    expect(isSticky('promoted')).toBe(false);
  });

  it('explains why the meeting ended', () => {
    expect(endReasonText(en, 'banned')).toBe('A moderator banned you from the meeting.');
    expect(endReasonText(de, 'replaced')).toBe('Sie setzen die Besprechung in einem anderen Fenster oder Tab fort.');
    expect(endReasonText(en, null)).toBe('The meeting is over.');
  });
});
