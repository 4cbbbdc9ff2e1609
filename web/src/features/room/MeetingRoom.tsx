import { useCallback, useEffect, useRef } from 'react';
import { actions, getMeetingState, useMeeting } from '../../meeting';
import { ChatAnnouncer } from './components/ChatAnnouncer';
import { LegalVoteCard } from './components/LegalVoteCard';
import { Notifications } from './components/Notifications';
import { CoffeeBreakOverlay } from './components/CoffeeBreakOverlay';
import { PollCard } from './components/PollCard';
import { SpeakersCard } from './components/SpeakersCard';
import { TimerCard } from './components/TimerCard';
import { AudioUnblock, RemoteAudio } from './components/RemoteAudio';
import { RoomDialogs } from './components/RoomDialogs';
import { SidePanel } from './components/SidePanel';
import { Stage } from './components/Stage';
import { MeetingEnded, MeetingWaiting, ReconnectingOverlay } from './components/StatusScreens';
import { Toolbar } from './components/Toolbar';
import { TopBar } from './components/TopBar';
import { useFullscreen } from './hooks/useFullscreen';
import { useRoomCommands } from './hooks/useRoomCommands';
import { useRoomShortcuts } from './hooks/useRoomShortcuts';
import { VisibleVideosProvider } from './hooks/visibleVideos';
import type { VisibleVideo } from './logic/visibleVideos';
import { useRoomUi } from './state/roomUi';
import './room.css';

/**
 * The meeting room, full window, for the meeting the core has joined. `onLeave` (from the lobby:
 * leaves the meeting and navigates away) is called by the Leave control, and by "Back" on the
 * screen shown when the meeting ended for this participant (kicked, banned, closed, ...).
 */
export function MeetingRoom({ onLeave }: { readonly onLeave: () => void }) {
  const phase = useMeeting((s) => s.phase);
  const endReason = useMeeting((s) => s.endReason);
  const panelOpen = useRoomUi((s) => s.panel !== null);
  const shortcutsEnabled = useRoomUi((s) => s.shortcutsEnabled);
  const reset = useRoomUi((s) => s.reset);
  // The next meeting starts with a closed panel, no pin, page 1 (remembered choices stay).
  useEffect(() => () => reset(), [reset]);

  // The whole page goes full screen, so that menus and dialogs (rendered at the end of <body>)
  // stay visible.
  const pageRef = useRef<HTMLElement | null>(typeof document === 'undefined' ? null : document.documentElement);
  const fullscreen = useFullscreen(pageRef);
  const commands = useRoomCommands();
  const inRoom = phase === 'joined' || phase === 'reconnecting';

  useRoomShortcuts({
    enabled: shortcutsEnabled && inRoom,
    onAction: (action) => {
      switch (action) {
        case 'microphone':
          commands.toggleMicrophone();
          break;
        case 'camera':
          commands.toggleCamera();
          break;
        case 'hand':
          commands.toggleHand();
          break;
        case 'screen':
          commands.toggleScreen();
          break;
        case 'fullscreen':
          if (fullscreen.supported) fullscreen.toggle();
          break;
      }
    },
    isMicrophoneMuted: () => !getMeetingState().media.local.microphone,
    setMicrophoneEnabled: commands.setMicrophoneEnabled,
  });

  const report = useCallback((videos: VisibleVideo[]) => actions.setVisibleVideos(videos), []);

  if (phase === 'ended') return <MeetingEnded reason={endReason} onLeave={onLeave} />;
  if (!inRoom) return <MeetingWaiting phase={phase} />;

  return (
    <VisibleVideosProvider report={report}>
      <div className={`room${panelOpen ? ' room--panel-open' : ''}`}>
        <TopBar />
        <div className="room__body">
          <Stage />
          <PollCard />
          <LegalVoteCard />
          <TimerCard />
          <SpeakersCard />
          <SidePanel />
        </div>
        <footer className="room__controls">
          <Toolbar fullscreen={fullscreen} commands={commands} onLeave={onLeave} />
        </footer>
        <RemoteAudio />
        <AudioUnblock />
        <Notifications />
        <ChatAnnouncer />
        <RoomDialogs />
        <CoffeeBreakOverlay />
        {phase === 'reconnecting' && <ReconnectingOverlay />}
      </div>
    </VisibleVideosProvider>
  );
}
