import { HTTP_ERROR, INVALID_RESPONSE, NETWORK_ERROR, type ApiError } from '../../api/client';
import { useI18n } from '../../i18n';

interface Props {
  readonly error: ApiError;
  readonly onRetry: () => void;
}

export function ServerErrorMessage({ error, onRetry }: Props) {
  const { t } = useI18n();
  const reason =
    error.code === NETWORK_ERROR
      ? t('server.error.network')
      : error.code === INVALID_RESPONSE
        ? t('server.error.invalid')
        : t('server.error.server', { status: error.status });
  // Only the server's own error JSON carries a message worth showing.
  const serverSent = error.code !== NETWORK_ERROR && error.code !== INVALID_RESPONSE && error.code !== HTTP_ERROR;

  return (
    <div className="error-panel" role="alert">
      <p className="error-panel__title">{t('server.error.title')}</p>
      <p>{reason}</p>
      {serverSent && (
        <p className="error-panel__details">
          {t('server.error.details', { message: error.message, code: error.code })}
        </p>
      )}
      <button type="button" className="button" onClick={onRetry}>
        {t('server.retry')}
      </button>
    </div>
  );
}
