export function RoomEntryPage() {
  return <h1>Lobby</h1>;
}
