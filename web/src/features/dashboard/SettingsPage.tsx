// Placeholder until the dashboard area lands.
export function SettingsPage() {
  return <h1>SettingsPage</h1>;
}
