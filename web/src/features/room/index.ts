// Owner: room helper. The meeting room UI, rendered by features/lobby once joined.
export { MeetingRoom } from './MeetingRoom';
