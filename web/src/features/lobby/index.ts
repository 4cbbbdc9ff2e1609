export { RoomEntryPage } from './RoomEntryPage';
