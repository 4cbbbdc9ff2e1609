/**
 * The page map. Signed-in pages share the app shell (header + main); the lobby and the meeting
 * room use the whole window. Guest links (`/invite/{code}`) need no account. Each area is its own
 * chunk, loaded when its page is first shown, so the sign-in page does not wait for the meeting
 * room's code.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { OidcCallbackPage, SignInPage } from '../features/auth';
import { useI18n } from '../i18n';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

const DashboardPage = lazy(() => import('../features/dashboard').then((m) => ({ default: m.DashboardPage })));
const MeetingEditorPage = lazy(() => import('../features/dashboard').then((m) => ({ default: m.MeetingEditorPage })));
const SettingsPage = lazy(() => import('../features/dashboard').then((m) => ({ default: m.SettingsPage })));
const RoomEntryPage = lazy(() => import('../features/lobby').then((m) => ({ default: m.RoomEntryPage })));

function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="page-loading">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

const page = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/room/:roomId" element={page(<RoomEntryPage />)} />
      <Route path="/invite/:inviteCode" element={page(<RoomEntryPage />)} />
      <Route element={<AppShell />}>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/auth/callback" element={<OidcCallbackPage />} />
        <Route element={<RequireAuth />}>
          <Route path="/" element={page(<DashboardPage />)} />
          <Route path="/meetings/new" element={page(<MeetingEditorPage />)} />
          <Route path="/meetings/:eventId/edit" element={page(<MeetingEditorPage />)} />
          <Route path="/settings" element={page(<SettingsPage />)} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
