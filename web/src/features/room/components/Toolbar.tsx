import { Hand, MessageSquare, Mic, MicOff, MonitorOff, MonitorUp, Users, Video, VideoOff } from 'lucide-react';
import { Toolbar as AriaToolbar } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { canChooseSpeaker, useDeviceLists } from '../../../devices';
import { useI18n } from '../../../i18n';
import {
  actions,
  isHandRaised,
  mayPresent,
  mayUnmute,
  selectIsModerator,
  selectUnreadTotal,
  useMeeting,
} from '../../../meeting';
import type { Fullscreen } from '../hooks/useFullscreen';
import { canShareScreen, type RoomCommands } from '../hooks/useRoomCommands';
import { useRoomUi } from '../state/roomUi';
import { DeviceMenu } from './DeviceMenu';
import { LeaveControl } from './LeaveControl';
import { MoreMenu } from './MoreMenu';
import { ReactionsMenu } from './ReactionsMenu';
import { ToolbarToggle } from './ToolbarControls';
import { quietly } from '../logic/quietly';

/**
 * The meeting controls. Accessible names never change ("Microphone", "Camera", ...); whether a
 * device is on is the button's pressed state.
 */
export function Toolbar({
  fullscreen,
  commands,
  onLeave,
}: {
  readonly fullscreen: Fullscreen;
  readonly commands: RoomCommands;
  readonly onLeave: () => void;
}) {
  const { t } = useI18n();
  const local = useMeeting((s) => s.media.local);
  const canUnmute = useMeeting((s) => mayUnmute(s));
  const canPresent = useMeeting((s) => mayPresent(s)) && canShareScreen();
  const handRaised = useMeeting((s) => isHandRaised(s));
  const handsEnabled = useMeeting((s) => s.hands.enabled);
  const unread = useMeeting(selectUnreadTotal);
  const moderator = useMeeting(selectIsModerator);
  const waiting = useMeeting((s) => s.waiting.length);
  const ui = useRoomUi(
    useShallow((s) => ({ panel: s.panel, togglePanel: s.togglePanel, speakerId: s.speakerId, setSpeaker: s.setSpeaker })),
  );
  const devices = useDeviceLists(`${local.hasMicrophone}/${local.hasCamera}`);
  const micRestricted = !local.microphone && !canUnmute;
  const waitingShown = moderator ? waiting : 0;

  return (
    <AriaToolbar aria-label={t('room.toolbar')} className="toolbar">
      <div className="toolbar__group">
        <div className="toolbar__split">
          <ToolbarToggle
            label={t('room.microphone')}
            icon={local.microphone ? <Mic aria-hidden="true" size={20} /> : <MicOff aria-hidden="true" size={20} />}
            isSelected={local.microphone}
            isDisabled={micRestricted}
            description={micRestricted ? t('room.notify.microphone_restricted') : undefined}
            onChange={(on) => commands.setMicrophoneEnabled(on)}
          />
          <DeviceMenu
            label={t('room.microphoneSettings')}
            groups={[
              {
                id: 'mic',
                title: t('room.devices.microphones'),
                devices: devices.microphones,
                selected: local.microphoneDeviceId,
                onSelect: (id) => id !== null && quietly(actions.switchMicrophone(id)),
              },
              ...(canChooseSpeaker()
                ? [
                    {
                      id: 'speaker',
                      title: t('room.devices.speakers'),
                      devices: devices.speakers,
                      selected: ui.speakerId,
                      allowDefault: true,
                      onSelect: ui.setSpeaker,
                    },
                  ]
                : []),
            ]}
          />
        </div>
        <div className="toolbar__split">
          <ToolbarToggle
            label={t('room.camera')}
            icon={local.camera ? <Video aria-hidden="true" size={20} /> : <VideoOff aria-hidden="true" size={20} />}
            isSelected={local.camera}
            onChange={(on) => quietly(actions.setCameraEnabled(on))}
          />
          <DeviceMenu
            label={t('room.cameraSettings')}
            groups={[
              {
                id: 'camera',
                title: t('room.devices.cameras'),
                devices: devices.cameras,
                selected: local.cameraDeviceId,
                onSelect: (id) => id !== null && quietly(actions.switchCamera(id)),
              },
            ]}
          />
        </div>
        {(canPresent || local.screen) && (
          <ToolbarToggle
            label={t('room.screen')}
            icon={local.screen ? <MonitorOff aria-hidden="true" size={20} /> : <MonitorUp aria-hidden="true" size={20} />}
            isSelected={local.screen}
            onChange={() => commands.toggleScreen()}
          />
        )}
        <ToolbarToggle
          label={t('room.hand')}
          icon={<Hand aria-hidden="true" size={20} />}
          isSelected={handRaised}
          isDisabled={!handsEnabled && !handRaised}
          onChange={() => commands.toggleHand()}
        />
        <ReactionsMenu />
      </div>
      <div className="toolbar__group">
        <ToolbarToggle
          label={t('room.chat')}
          icon={<MessageSquare aria-hidden="true" size={20} />}
          isSelected={ui.panel === 'chat'}
          onChange={() => ui.togglePanel('chat')}
          count={unread}
          description={unread > 0 ? t('room.unreadCount', { count: unread }) : undefined}
        />
        <ToolbarToggle
          label={t('room.people')}
          icon={<Users aria-hidden="true" size={20} />}
          isSelected={ui.panel === 'people'}
          onChange={() => ui.togglePanel('people')}
          count={waitingShown}
          description={waitingShown > 0 ? t('room.people.waiting', { count: waitingShown }) : undefined}
        />
        <MoreMenu fullscreen={fullscreen} />
        <LeaveControl onLeave={onLeave} />
      </div>
    </AriaToolbar>
  );
}
