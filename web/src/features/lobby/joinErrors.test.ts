import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../../api/client';
import { MeetingError } from '../../meeting';
import { describeJoinError } from './joinErrors';
import { secureSignalingUrl } from './useRoomTarget';

describe('describeJoinError', () => {
  it.each([
    [new ApiError(401, 'password_required', 'x'), { key: 'lobby.error.passwordRequired', password: 'required' }],
    [new ApiError(403, 'wrong_password', 'x'), { key: 'lobby.error.wrongPassword', password: 'wrong' }],
    [new ApiError(403, 'permission_denied', 'x'), { key: 'lobby.error.forbidden' }],
    [new ApiError(409, 'conflict', 'x'), { key: 'lobby.error.full' }],
    [new ApiError(0, NETWORK_ERROR, 'x'), { key: 'lobby.error.network' }],
    [new MeetingError('banned'), { key: 'lobby.error.banned' }],
    [new MeetingError('room_full'), { key: 'lobby.error.full' }],
  ])('%s', (error, expected) => {
    expect(describeJoinError(error)).toEqual(expected);
  });

  it('keeps the text of errors it has no message for', () => {
    expect(describeJoinError(new ApiError(500, 'internal', 'quote id 7'))).toEqual({ key: 'other', message: 'quote id 7' });
  });
});

describe('secureSignalingUrl', () => {
  it('upgrades ws:// on HTTPS pages and leaves it alone on HTTP', () => {
    expect(secureSignalingUrl('ws://meet.example/signaling', 'https:')).toBe('wss://meet.example/signaling');
    expect(secureSignalingUrl('ws://127.0.0.1:8080/signaling', 'http:')).toBe('ws://127.0.0.1:8080/signaling');
    expect(secureSignalingUrl('wss://meet.example/signaling', 'https:')).toBe('wss://meet.example/signaling');
  });

  it('makes a path absolute on the page host', () => {
    expect(secureSignalingUrl('/signaling', 'https:')).toBe(`wss://${window.location.host}/signaling`);
  });
});
