import { useState } from 'react';
import { Button } from 'react-aria-components';
import { LogIn } from 'lucide-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { authorizationUrl } from '../../auth/oidc';
import { safeNextPath } from '../../auth/redirect';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n';
import { ServerErrorMessage } from '../landing/ServerErrorMessage';
import { ServerStatus } from '../landing/ServerStatus';
import { PasswordForm } from './PasswordForm';
import { useAuthConfig } from './useAuthConfig';
import './signin.css';

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const signedIn = useSession((s) => s.session !== null);
  const config = useAuthConfig();
  const [oidcError, setOidcError] = useState<string | null>(null);

  if (signedIn) return <Navigate to={next} replace />;

  const startOidc = async (issuer: string, clientId: string, resource: string | null) => {
    try {
      window.location.assign(await authorizationUrl({ issuer, clientId, resource }, next));
    } catch (error) {
      setOidcError(String(error instanceof Error ? error.message : error));
    }
  };

  return (
    <div className="signin">
      <section className="signin__card" aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signin.title')}</h1>
        <p className="signin__intro">{t('signin.intro')}</p>
        {config.status === 'loading' && (
          <p role="status" className="signin__loading">
            <span className="spinner" aria-hidden="true" />
            {t('signin.loading')}
          </p>
        )}
        {config.status === 'error' && <ServerErrorMessage error={config.error} onRetry={() => window.location.reload()} />}
        {config.status === 'ready' && (
          <>
            {config.config.oidc && config.config.oidc_issuer && config.config.oidc_client_id && (
              <Button
                className="react-aria-Button button--primary signin__oidc"
                onPress={() =>
                  void startOidc(config.config.oidc_issuer ?? '', config.config.oidc_client_id ?? '', config.config.oidc_resource)
                }
              >
                <LogIn aria-hidden="true" size={18} />
                {t('signin.oidc')}
              </Button>
            )}
            {oidcError !== null && (
              <p className="alert" role="alert">
                {t('signin.callback.failed', { message: oidcError })}
              </p>
            )}
            {config.config.oidc && config.config.password && <p className="signin__or">{t('signin.or')}</p>}
            {config.config.password && <PasswordForm onSignedIn={() => void navigate(next, { replace: true })} />}
            {!config.config.oidc && !config.config.password && <p className="alert">{t('signin.noMethods')}</p>}
          </>
        )}
      </section>
      <aside className="signin__about" aria-label={t('app.name')}>
        <p className="signin__brand">{t('app.name')}</p>
        <p className="landing__tagline">{t('app.tagline')}</p>
        <ServerStatus />
      </aside>
    </div>
  );
}
