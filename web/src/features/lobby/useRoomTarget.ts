/** Which room a lobby URL leads to: `/room/{id}` directly, `/invite/{code}` after checking the code. */
import { useEffect, useMemo, useState } from 'react';
import { verifyInvite } from '../../api/join';
import { describeJoinError, type JoinProblem } from './joinErrors';

export type RoomTarget =
  | { readonly status: 'checking' }
  | { readonly status: 'invalid'; readonly problem: JoinProblem }
  | {
      readonly status: 'ready';
      readonly roomId: string;
      readonly inviteCode: string | null;
      readonly passwordRequired: boolean;
    };

export function useRoomTarget(roomId: string | undefined, inviteCode: string | undefined): RoomTarget {
  // Only a guest link needs asking the server; a room link is its own answer.
  const [checked, setChecked] = useState<RoomTarget>({ status: 'checking' });
  useEffect(() => {
    if (roomId !== undefined || inviteCode === undefined) return;
    const controller = new AbortController();
    setChecked({ status: 'checking' });
    verifyInvite(inviteCode, { signal: controller.signal }).then(
      (check) =>
        setChecked({ status: 'ready', roomId: check.room_id, inviteCode, passwordRequired: check.password_required }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = describeJoinError(error);
        setChecked({ status: 'invalid', problem: problem.key === 'lobby.error.notFound' ? { key: 'lobby.error.invite' } : problem });
      },
    );
    return () => controller.abort();
  }, [roomId, inviteCode]);
  return useMemo(
    () => (roomId !== undefined ? { status: 'ready', roomId, inviteCode: null, passwordRequired: false } : checked),
    [roomId, checked],
  );
}

/** The server names ws://; a page served over HTTPS (behind a TLS proxy) must use wss://. */
export function secureSignalingUrl(url: string, pageProtocol: string = window.location.protocol): string {
  if (url.startsWith('/')) {
    const scheme = pageProtocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${window.location.host}${url}`;
  }
  return pageProtocol === 'https:' && url.startsWith('ws://') ? `wss://${url.slice(5)}` : url;
}
