// Placeholder until the room area lands.
export function MeetingRoom({ onLeave }: { readonly onLeave: () => void }) {
  return (
    <button type="button" onClick={onLeave}>
      Leave
    </button>
  );
}
