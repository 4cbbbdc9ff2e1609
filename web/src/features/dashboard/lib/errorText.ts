/** What to tell the user about a failed REST call (the page adds what failed). */
import { ApiError, HTTP_ERROR, INVALID_RESPONSE, NETWORK_ERROR } from '../../../api/client';
import type { Translate } from '../../../i18n';

export interface ErrorText {
  readonly reason: string;
  /** The server's own message, when it sent one. */
  readonly details: string | null;
}

export function errorText(error: unknown, t: Translate): ErrorText {
  if (!(error instanceof ApiError)) {
    return { reason: t('dash.error.generic', { status: 0 }), details: error instanceof Error ? error.message : null };
  }
  const serverSent = error.code !== NETWORK_ERROR && error.code !== INVALID_RESPONSE && error.code !== HTTP_ERROR;
  const details = serverSent ? t('dash.error.details', { message: error.message }) : null;
  switch (error.code) {
    case NETWORK_ERROR:
      return { reason: t('dash.error.network'), details: null };
    case INVALID_RESPONSE:
      return { reason: t('dash.error.invalid'), details: null };
    case 'not_found':
      return { reason: t('dash.error.notFound'), details: null };
    case 'permission_denied':
      return { reason: t('dash.error.permission'), details };
    case 'too_many_requests':
      return { reason: t('dash.error.rateLimited'), details: null };
    case 'unavailable':
    case 'too_many_connections':
      return { reason: t('dash.error.unavailable'), details: null };
    default:
      return { reason: t('dash.error.generic', { status: error.status }), details };
  }
}
