/**
 * The page map. Signed-in pages share the app shell (header + main); the lobby and the meeting
 * room use the whole window. Guest links (`/invite/{code}`) need no account.
 */
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { OidcCallbackPage, SignInPage } from '../features/auth';
import { DashboardPage, MeetingEditorPage, SettingsPage } from '../features/dashboard';
import { RoomEntryPage } from '../features/lobby';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/room/:roomId" element={<RoomEntryPage />} />
      <Route path="/invite/:inviteCode" element={<RoomEntryPage />} />
      <Route element={<AppShell />}>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/auth/callback" element={<OidcCallbackPage />} />
        <Route element={<RequireAuth />}>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/meetings/new" element={<MeetingEditorPage />} />
          <Route path="/meetings/:eventId/edit" element={<MeetingEditorPage />} />
          <Route path="/settings" element={<SettingsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
