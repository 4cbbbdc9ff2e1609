/**
 * `/room/{id}` (signed-in users) and `/invite/{code}` (guests, or users with a guest link):
 * link check → lobby (devices, name, password) → ticket → meeting (waiting room first when the
 * room has one). A reload during the meeting resumes the same participant without the lobby.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { startInvited, startMeeting } from '../../api/join';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { hasResumableMeeting, joinMeeting, leaveMeeting, resumeMeeting, useMeeting } from '../../meeting';
import { MeetingRoom } from '../room';
import { DevicePanel } from './DevicePanel';
import { describeJoinError, type JoinProblem } from './joinErrors';
import { JoinForm } from './JoinForm';
import { LobbyHeader } from './LobbyHeader';
import { StatusScreen } from './StatusScreen';
import { useLobbyMedia } from './useLobbyMedia';
import { secureSignalingUrl, useRoomTarget } from './useRoomTarget';
import './lobby.css';

type Stage = 'lobby' | 'joining' | 'resuming' | 'meeting' | 'left';

export function RoomEntryPage() {
  const { t } = useI18n();
  const { roomId, inviteCode } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const target = useRoomTarget(roomId, inviteCode);
  const readyRoom = target.status === 'ready' ? target.roomId : null;
  const [stage, setStage] = useState<Stage>(() =>
    roomId !== undefined && hasResumableMeeting(roomId) ? 'resuming' : 'lobby',
  );
  const [problem, setProblem] = useState<JoinProblem | null>(null);
  const [askPassword, setAskPassword] = useState(false);
  const phase = useMeeting((s) => s.phase);
  const media = useLobbyMedia(stage === 'lobby' || stage === 'joining');
  const resumeStarted = useRef(false);

  // A guest link of a room this tab is still in (reload): resume as well.
  useEffect(() => {
    if (readyRoom !== null && stage === 'lobby' && !resumeStarted.current && hasResumableMeeting(readyRoom)) {
      setStage('resuming');
    }
  }, [readyRoom, stage]);

  useEffect(() => {
    if (stage !== 'resuming' || readyRoom === null || resumeStarted.current) return;
    resumeStarted.current = true;
    resumeMeeting(readyRoom).then(
      () => setStage('meeting'),
      () => setStage('lobby'),
    );
  }, [stage, readyRoom]);

  useEffect(() => {
    if (target.status === 'ready') setAskPassword((asked) => asked || target.passwordRequired);
  }, [target]);

  if (roomId !== undefined && user === null && stage !== 'resuming' && stage !== 'meeting') {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  if (target.status === 'checking') return <StatusScreen title={t('lobby.checking')} busy />;
  if (target.status === 'invalid') {
    return (
      <StatusScreen title={t(target.problem.key === 'other' ? 'lobby.error.invite' : target.problem.key)}>
        {user !== null && <Link to="/">{t('lobby.backToDashboard')}</Link>}
      </StatusScreen>
    );
  }
  if (stage === 'resuming') return <StatusScreen title={t('lobby.resuming')} busy />;

  const leave = () => {
    leaveMeeting();
    if (user !== null) void navigate('/');
    else setStage('left');
  };

  if (stage === 'meeting') {
    if (phase === 'waiting') {
      return (
        <StatusScreen title={t('lobby.waiting.title')} busy>
          <p>{t('lobby.waiting.text')}</p>
          <button type="button" className="button" onClick={leave}>
            {t('lobby.waiting.leave')}
          </button>
        </StatusScreen>
      );
    }
    return <MeetingRoom onLeave={leave} />;
  }
  if (stage === 'left') {
    return (
      <StatusScreen title={t('lobby.left.title')}>
        <button type="button" className="button" onClick={() => setStage('lobby')}>
          {t('lobby.left.rejoin')}
        </button>
      </StatusScreen>
    );
  }

  const join = async (displayName: string, password: string | null) => {
    if (displayName === '') return; // the name field says what is missing
    setStage('joining');
    setProblem(null);
    try {
      const admission =
        user !== null && target.inviteCode === null
          ? await startMeeting(target.roomId, password)
          : await startInvited(target.roomId, {
              invite_code: target.inviteCode ?? '',
              display_name: displayName,
              password,
            });
      await joinMeeting({
        roomId: target.roomId,
        signalingUrl: secureSignalingUrl(admission.signaling_url),
        ticket: admission.ticket,
        localStream: await media.take(),
        microphoneEnabled: media.preferences.microphoneEnabled,
        cameraEnabled: media.preferences.cameraEnabled,
      });
      setStage('meeting');
    } catch (error) {
      const described = describeJoinError(error);
      if (described.password !== undefined) setAskPassword(true);
      setProblem(described);
      setStage('lobby');
      media.reopen();
    }
  };

  return (
    <>
      <LobbyHeader />
      <main className="lobby" id="main-content">
        <JoinForm
          accountName={user !== null && target.inviteCode === null ? user.display_name : null}
          askPassword={askPassword}
          problem={problem}
          busy={stage === 'joining'}
          onJoin={(name, password) => void join(name, password)}
        />
        <DevicePanel media={media} />
      </main>
    </>
  );
}
