import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fetchOwnProfile } from '../../api/auth';
import { completeSignIn } from '../../auth/oidc';
import { useSession } from '../../auth/session';
import { useSignedIn } from '../../auth/useSignedIn';
import { useI18n } from '../../i18n';

/** The provider redirects here with the code: exchange it, load the profile, continue. */
export function OidcCallbackPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const tokens = await completeSignIn(window.location.search);
        const user = await fetchOwnProfile({ token: tokens.accessToken });
        signedIn(tokens.accessToken, tokens.expiresAt, user);
        void navigate(tokens.next, { replace: true });
      } catch (caught) {
        useSession.getState().signOut();
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    })();
  }, [navigate, signedIn]);

  return (
    <section className="page page--narrow">
      {error === null ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {t('signin.callback.working')}
        </p>
      ) : (
        <>
          <p className="alert" role="alert">
            {t('signin.callback.failed', { message: error })}
          </p>
          <Link to="/signin">{t('signin.callback.again')}</Link>
        </>
      )}
    </section>
  );
}
