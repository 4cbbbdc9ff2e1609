// TEMPORARY visual preview (not committed).
import { createRoot } from 'react-dom/client';
import '../../styles/global.css';
import '../../theme/theme.css';
import { I18nProvider } from '../../i18n';
import { ThemeProvider } from '../../theme';
import { setLocalStream, setRemoteStream } from '../../meeting/media/streams';
import { MeetingRoom } from './MeetingRoom';
import { useRoomUi } from './state/roomUi';
import { INITIAL_STATE } from '../../meeting/store/initial';
import { resetMeetingState as setState } from '../../meeting/store/store';
import type { MeetingState, Participant } from '../../meeting';
const SELF = 'p-self';
function person(id: string, over: Partial<Participant> = {}): Participant {
  return { id, display_name: id, kind: 'user', role: 'user', joined_at: 1000, devices: 1, groups: [], ...over };
}
function joinedState(all: Participant[]): MeetingState {
  return { ...INITIAL_STATE, phase: 'joined', roomId: 'r', selfId: SELF, room: { id: 'r', name: 'W', locked: false },
    participants: Object.fromEntries(all.map((p) => [p.id, p])), media: { ...INITIAL_STATE.media, available: true } };
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? '5');
const names = ['Ada Lovelace', 'Bob Guest', 'Carol Meyer', 'Dieter Müller', 'Eve', 'Frank', 'Grace Hopper', 'Heinz', 'Ida', 'Jan', 'Kim', 'Lou'];
const people = names.slice(0, n).map((name, i) =>
  person(`p-${i}`, { display_name: name, joined_at: 100 + i, kind: i === 1 ? 'guest' : 'user', hand_raised_at: i === 2 ? 5 : undefined }),
);
const moderator = params.get('mod') === '1';
const base = joinedState([person(SELF, { display_name: 'Me Myself', role: moderator ? 'owner' : 'user', joined_at: 50, groups: moderator ? ['moderators'] : [] }), ...people]);
const pubs: Record<string, Record<string, { muted: boolean }>> = {};
people.forEach((p, i) => {
  pubs[p.id] = { microphone: { muted: i % 2 === 0 }, camera: { muted: i % 3 === 2 } };
});
if (params.get('screen') === '1') pubs['p-0'] = { ...pubs['p-0'], screen: { muted: false } };
setState({
  ...base,
  room: { id: 'r', name: 'Weekly planning', locked: false },
  media: { ...base.media, activeSpeaker: 'p-0', publications: pubs, speakingTimes: { 'p-0': 125000, 'p-3': 4000 }, local: { ...base.media.local, microphone: true, camera: true, hasCamera: true, hasMicrophone: true } },
  hands: { enabled: true, raised: [{ participant_id: 'p-2', raised_at: 5 }] },
  reactions: { enabled: true, recent: [{ id: 1, participantId: 'p-3', reaction: 'clap', at: 1, expiresAt: 9e15 }] },
  waiting: moderator ? [{ id: 'w1', display_name: 'Waiting Wanda', kind: 'guest', waiting_since: Date.now() }] : [],
  waitingRoomMode: moderator ? 'guests' : 'off',
  notifications: params.get('toast') === '1' ? [{ id: 1, code: 'muted_by_moderator', params: {}, at: 1 }] : [],
  chat: {
    enabled: true,
    search: null,
    conversations: {
      everyone: { key: 'everyone', scope: 'everyone', hasMore: true, loadingHistory: false, lastSeen: 0, unread: 2, messages: [
        { id: 1, sender: 'p-0', sender_name: 'Ada Lovelace', scope: 'everyone', content: 'Good morning everyone!', sent_at: Date.now() - 60000 },
        { id: 2, sender: SELF, sender_name: 'Me Myself', scope: 'everyone', content: 'Morning! Agenda:\n1. Budget\n2. Hiring', sent_at: Date.now() - 30000 },
        { id: 3, sender: 'p-1', sender_name: 'Bob Guest', scope: 'everyone', content: 'Can you hear me?', sent_at: Date.now() } ] },
      'private:p-0': { key: 'private:p-0', scope: 'private', peerId: 'p-0', hasMore: false, loadingHistory: false, lastSeen: 0, unread: 1, messages: [
        { id: 4, sender: 'p-0', sender_name: 'Ada Lovelace', scope: 'private', recipient: SELF, content: 'psst', sent_at: Date.now() } ] },
    },
  },
});

function canvasStream(label: string, hue: number): MediaStream {
  const c = document.createElement('canvas');
  c.width = 640; c.height = 360;
  const g = c.getContext('2d')!;
  let f = 0;
  setInterval(() => {
    g.fillStyle = `hsl(${hue} 40% 35%)`; g.fillRect(0, 0, 640, 360);
    g.fillStyle = '#fff'; g.font = '40px sans-serif'; g.fillText(`${label} ${f++ % 100}`, 40, 190);
  }, 100);
  return c.captureStream(10);
}
people.forEach((p, i) => { if (i % 3 !== 2) setRemoteStream(p.id, 'camera', canvasStream(p.display_name, i * 40)); });
if (params.get('screen') === '1') setRemoteStream('p-0', 'screen', canvasStream('Shared slides', 200));
setLocalStream('camera', canvasStream('me', 300));
const panel = params.get('panel');
if (panel === 'chat' || panel === 'people') useRoomUi.getState().openPanel(panel);
if (params.get('layout') === 'speaker') useRoomUi.getState().setLayout('speaker');

createRoot(document.getElementById('root')!).render(
  <I18nProvider><ThemeProvider><MeetingRoom onLeave={() => alert('leave')} /></ThemeProvider></I18nProvider>,
);
