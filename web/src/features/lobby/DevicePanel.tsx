import { Mic, MicOff, Video, VideoOff, Volume2 } from 'lucide-react';
import { useState } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { canChooseSpeaker, playTestSound, useDeviceLists } from '../../devices';
import { useI18n } from '../../i18n';
import { DeviceSelect } from './DeviceSelect';
import { LevelMeter } from './LevelMeter';
import type { LobbyMedia } from './useLobbyMedia';
import { VideoPreview } from './VideoPreview';

/** Camera preview, microphone level, on/off switches, device pickers and the speaker test. */
export function DevicePanel({ media }: { readonly media: LobbyMedia }) {
  const { t } = useI18n();
  const lists = useDeviceLists(media.generation);
  const [testing, setTesting] = useState(false);
  const { preferences: prefs } = media;
  const cameraTrack = media.stream?.getVideoTracks()[0] ?? null;
  const microphoneTrack = media.stream?.getAudioTracks()[0] ?? null;
  const micProblem = media.microphoneError ? t(`lobby.mic.${media.microphoneError}`) : null;
  const camProblem = media.cameraError ? t(`lobby.cam.${media.cameraError}`) : null;

  const testSpeaker = async () => {
    setTesting(true);
    try {
      await playTestSound(prefs.speakerId);
    } finally {
      window.setTimeout(() => setTesting(false), 900);
    }
  };

  return (
    <section className="lobby__devices" aria-label={t('lobby.devices')}>
      <div className="lobby__stage">
        {prefs.cameraEnabled && cameraTrack ? (
          <VideoPreview stream={media.stream} label={t('lobby.preview')} />
        ) : (
          <div className="lobby__video lobby__video--off" role="img" aria-label={t('lobby.cameraOff')}>
            <VideoOff aria-hidden="true" size={40} />
            <span>{t('lobby.cameraOff')}</span>
          </div>
        )}
        <div className="lobby__toggles">
          <ToggleButton
            className="react-aria-Button lobby__toggle"
            isSelected={prefs.microphoneEnabled}
            onChange={(on) => media.update({ microphoneEnabled: on })}
          >
            {prefs.microphoneEnabled ? <Mic aria-hidden="true" size={18} /> : <MicOff aria-hidden="true" size={18} />}
            {t('lobby.microphone')}
          </ToggleButton>
          <ToggleButton
            className="react-aria-Button lobby__toggle"
            isSelected={prefs.cameraEnabled}
            onChange={(on) => media.update({ cameraEnabled: on })}
          >
            {prefs.cameraEnabled ? <Video aria-hidden="true" size={18} /> : <VideoOff aria-hidden="true" size={18} />}
            {t('lobby.camera')}
          </ToggleButton>
        </div>
      </div>
      {(micProblem || camProblem) && (
        <div className="lobby__problems" role="alert">
          {micProblem && <p>{micProblem}</p>}
          {camProblem && <p>{camProblem}</p>}
        </div>
      )}
      <LevelMeter track={prefs.microphoneEnabled ? microphoneTrack : null} label={t('lobby.level')} />
      <div className="lobby__pickers">
        <DeviceSelect
          label={t('lobby.microphone')}
          kindName={t('lobby.microphone')}
          options={lists.microphones}
          value={prefs.microphoneId}
          onChange={(id) => media.update({ microphoneId: id })}
          isDisabled={!prefs.microphoneEnabled}
        />
        <DeviceSelect
          label={t('lobby.camera')}
          kindName={t('lobby.camera')}
          options={lists.cameras}
          value={prefs.cameraId}
          onChange={(id) => media.update({ cameraId: id })}
          isDisabled={!prefs.cameraEnabled}
        />
        {canChooseSpeaker() && (
          <DeviceSelect
            label={t('lobby.speaker')}
            kindName={t('lobby.speaker')}
            options={lists.speakers}
            value={prefs.speakerId}
            onChange={(id) => media.update({ speakerId: id })}
          />
        )}
        <Button className="react-aria-Button lobby__test" onPress={() => void testSpeaker()} isDisabled={testing}>
          <Volume2 aria-hidden="true" size={18} />
          {testing ? t('lobby.testSpeakerPlaying') : t('lobby.testSpeaker')}
        </Button>
      </div>
    </section>
  );
}
