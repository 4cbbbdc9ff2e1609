import { useI18n } from '../../i18n';
import { ServerErrorMessage } from './ServerErrorMessage';
import { useServerVersion } from './useServerVersion';

export function ServerStatus() {
  const { t } = useI18n();
  const { state, retry } = useServerVersion();
  const headingId = 'server-status-heading';

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('server.heading')}</h2>
      <div aria-live="polite" aria-busy={state.status === 'loading'}>
        {state.status === 'loading' && (
          <p className="server-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('server.loading')}
          </p>
        )}
        {state.status === 'ready' && (
          <p className="server-version">{t('server.version', { version: state.version.version })}</p>
        )}
        {state.status === 'error' && <ServerErrorMessage error={state.error} onRetry={retry} />}
      </div>
    </section>
  );
}
