import { Hand, MessageSquare, Mic, MicOff, MonitorOff, MonitorUp, Users, Video, VideoOff } from 'lucide-react';
import { useId } from 'react';
import { ToggleButton, Toolbar as AriaToolbar } from 'react-aria-components';
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

function quietly(p: Promise<void>): void {
  void p.catch(() => undefined);
}

/** A counter on a toolbar button; its meaning is given to screen readers via aria-describedby. */
function Badge({ id, count, description }: { readonly id: string; readonly count: number; readonly description: string }) {
  if (count <= 0) return null;
  return (
    <>
      <span className="badge" aria-hidden="true">
        {count > 99 ? '99+' : count}
      </span>
      <span id={id} className="sr-only">
        {description}
      </span>
    </>
  );
}

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
  const chatBadgeId = useId();
  const micRestrictedId = useId();
  const micRestricted = !local.microphone && !canUnmute;
  const peopleBadgeId = useId();

  const micLabel = t('room.microphone');
  const camLabel = t('room.camera');
  const screenLabel = t('room.screen');
  const handLabel = t('room.hand');
  const chatLabel = t('room.chat');
  const peopleLabel = t('room.people');
  const waitingShown = moderator ? waiting : 0;

  return (
    <AriaToolbar aria-label={t('room.toolbar')} className="toolbar">
      <div className="toolbar__group">
        <div className="toolbar__split">
          <ToggleButton
            className="toolbar__button"
            aria-label={micLabel}
            isSelected={local.microphone}
            isDisabled={micRestricted}
            aria-describedby={micRestricted ? micRestrictedId : undefined}
            onChange={(on) => commands.setMicrophoneEnabled(on)}
          >
            {local.microphone ? <Mic aria-hidden="true" size={20} /> : <MicOff aria-hidden="true" size={20} />}
            <span className="toolbar__label" aria-hidden="true">
              {micLabel}
            </span>
            {micRestricted && (
              <span id={micRestrictedId} className="sr-only">
                {t('room.notify.microphone_restricted')}
              </span>
            )}
          </ToggleButton>
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
          <ToggleButton
            className="toolbar__button"
            aria-label={camLabel}
            isSelected={local.camera}
            onChange={(on) => quietly(actions.setCameraEnabled(on))}
          >
            {local.camera ? <Video aria-hidden="true" size={20} /> : <VideoOff aria-hidden="true" size={20} />}
            <span className="toolbar__label" aria-hidden="true">
              {camLabel}
            </span>
          </ToggleButton>
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
          <ToggleButton
            className="toolbar__button"
            aria-label={screenLabel}
            isSelected={local.screen}
            onChange={() => commands.toggleScreen()}
          >
            {local.screen ? <MonitorOff aria-hidden="true" size={20} /> : <MonitorUp aria-hidden="true" size={20} />}
            <span className="toolbar__label" aria-hidden="true">
              {screenLabel}
            </span>
          </ToggleButton>
        )}
        <ToggleButton
          className="toolbar__button"
          aria-label={handLabel}
          isSelected={handRaised}
          isDisabled={!handsEnabled && !handRaised}
          onChange={() => commands.toggleHand()}
        >
          <Hand aria-hidden="true" size={20} />
          <span className="toolbar__label" aria-hidden="true">
            {handLabel}
          </span>
        </ToggleButton>
        <ReactionsMenu />
      </div>
      <div className="toolbar__group">
        <ToggleButton
          className="toolbar__button"
          aria-label={chatLabel}
          aria-describedby={unread > 0 ? chatBadgeId : undefined}
          isSelected={ui.panel === 'chat'}
          onChange={() => ui.togglePanel('chat')}
        >
          <MessageSquare aria-hidden="true" size={20} />
          <span className="toolbar__label" aria-hidden="true">
            {chatLabel}
          </span>
          <Badge id={chatBadgeId} count={unread} description={t('room.unreadCount', { count: unread })} />
        </ToggleButton>
        <ToggleButton
          className="toolbar__button"
          aria-label={peopleLabel}
          aria-describedby={waitingShown > 0 ? peopleBadgeId : undefined}
          isSelected={ui.panel === 'people'}
          onChange={() => ui.togglePanel('people')}
        >
          <Users aria-hidden="true" size={20} />
          <span className="toolbar__label" aria-hidden="true">
            {peopleLabel}
          </span>
          <Badge id={peopleBadgeId} count={waitingShown} description={t('room.people.waiting', { count: waitingShown })} />
        </ToggleButton>
        <MoreMenu fullscreen={fullscreen} />
        <LeaveControl onLeave={onLeave} />
      </div>
    </AriaToolbar>
  );
}
