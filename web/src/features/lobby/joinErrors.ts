/** What a failed join means for the user: the message and whether the password field is at fault. */
import { ApiError, NETWORK_ERROR } from '../../api/client';
import type { PlainMessageKey } from '../../i18n';
import { MeetingError } from '../../meeting';

export interface JoinProblem {
  readonly key: PlainMessageKey | 'other';
  readonly message?: string;
  /** The meeting needs a password (show the field), or the one given was wrong. */
  readonly password?: 'required' | 'wrong';
}

export function describeJoinError(error: unknown): JoinProblem {
  if (error instanceof MeetingError) {
    switch (error.reason) {
      case 'room_full':
        return { key: 'lobby.error.full' };
      case 'banned':
      case 'kicked':
        return { key: 'lobby.error.banned' };
      case 'room_closed':
      case 'room_deleted':
      case 'time_limit':
      case 'ended_by_moderator':
        return { key: 'lobby.error.closed' };
      default:
        return { key: 'other', message: error.message };
    }
  }
  if (!(error instanceof ApiError)) return { key: 'other', message: String(error) };
  switch (error.code) {
    case 'password_required':
      return { key: 'lobby.error.passwordRequired', password: 'required' };
    case 'wrong_password':
      return { key: 'lobby.error.wrongPassword', password: 'wrong' };
    case 'permission_denied':
      return { key: 'lobby.error.forbidden' };
    case 'conflict':
      return { key: 'lobby.error.full' };
    case 'not_found':
      return { key: 'lobby.error.notFound' };
    case 'too_many_requests':
      return { key: 'lobby.error.rateLimited' };
    case NETWORK_ERROR:
      return { key: 'lobby.error.network' };
    default:
      return { key: 'other', message: error.message };
  }
}
