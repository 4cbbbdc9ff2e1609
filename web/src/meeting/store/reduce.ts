/** Applies one server frame to the state: the reducer of its namespace. */
import type { ServerFrame } from '../../protocol/types';
import type { MeetingState } from '../types';
import { reduceChat } from './reducers/chat';
import type { ReduceContext } from './reducers/common';
import { reduceControl, reduceWaitingRoom } from './reducers/control';
import { reduceHands, reduceReactions } from './reducers/hands';
import { reduceMedia } from './reducers/media';
import { reduceLegalVote } from './reducers/legalVote';
import { reduceModeration } from './reducers/moderation';
import { reducePointsOfOrder } from './reducers/pointsOfOrder';
import { reducePolls } from './reducers/polls';
import { reduceSpeakers } from './reducers/speakers';
import { reduceTimer, withServerClock } from './reducers/timer';

export type { ReduceContext } from './reducers/common';

export function reduceFrame(state: MeetingState, frame: ServerFrame, ctx: ReduceContext): MeetingState {
  switch (frame.namespace) {
    case 'control': {
      const next = reduceControl(state, frame.payload, ctx);
      return frame.payload.message === 'join_success' ? withServerClock(next, frame.timestamp, ctx.now) : next;
    }
    case 'waiting_room':
      return reduceWaitingRoom(state, frame.payload, ctx);
    case 'moderation':
      return reduceModeration(state, frame.payload, ctx);
    case 'hands':
      return reduceHands(state, frame.payload, ctx);
    case 'reactions':
      return reduceReactions(state, frame.payload, ctx);
    case 'chat':
      return reduceChat(state, frame.payload, ctx);
    case 'media':
      return reduceMedia(state, frame.payload, ctx);
    case 'polls':
      return reducePolls(state, frame.payload, ctx);
    case 'points_of_order':
      return reducePointsOfOrder(state, frame.payload, ctx);
    case 'timer':
      return reduceTimer(withServerClock(state, frame.timestamp, ctx.now), frame.payload, ctx);
    case 'legal_vote':
      return reduceLegalVote(state, frame.payload, ctx);
    case 'speakers':
      return reduceSpeakers(withServerClock(state, frame.timestamp, ctx.now), frame.payload, ctx);
  }
}
