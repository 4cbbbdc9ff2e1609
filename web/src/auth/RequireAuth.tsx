import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './session';

/** Renders the nested routes for a signed-in user; sends everyone else to the sign-in page. */
export function RequireAuth() {
  const signedIn = useSession((state) => state.session !== null);
  const location = useLocation();
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
