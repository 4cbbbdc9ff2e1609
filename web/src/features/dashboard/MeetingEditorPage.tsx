// Placeholder until the dashboard area lands.
export function MeetingEditorPage() {
  return <h1>MeetingEditorPage</h1>;
}
