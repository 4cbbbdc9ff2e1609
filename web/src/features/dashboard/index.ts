// Owner: dashboard helper. Pages of a signed-in user (routes in app/routes.tsx).
export { DashboardPage } from './DashboardPage';
export { MeetingEditorPage } from './MeetingEditorPage';
export { SettingsPage } from './SettingsPage';
