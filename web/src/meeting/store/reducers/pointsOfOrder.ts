/** Points of order: priority hands with a reason, oldest first. */
import type { PointsOfOrderEvent } from '../../../protocol/types';
import type { MeetingState } from '../../types';
import { isModerator } from '../selectors';
import { notify, type ReduceContext } from './common';

export function reducePointsOfOrder(state: MeetingState, event: PointsOfOrderEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'raised': {
      const point = event.point;
      const raised = [...state.pointsOfOrder.raised.filter((p) => p.participant_id !== point.participant_id), point].sort(
        (a, b) => a.raised_at - b.raised_at,
      );
      const next = { ...state, pointsOfOrder: { raised } };
      if (!isModerator(state) || point.participant_id === state.selfId) return next;
      const name = state.participants[point.participant_id]?.display_name ?? '';
      return notify(next, 'point_of_order_raised', { display_name: name, reason: point.reason }, ctx.now);
    }
    case 'cleared': {
      const ids = new Set(event.participant_ids);
      const next = { ...state, pointsOfOrder: { raised: state.pointsOfOrder.raised.filter((p) => !ids.has(p.participant_id)) } };
      const mine = state.selfId !== null && ids.has(state.selfId) && event.by !== state.selfId;
      return mine ? notify(next, 'point_of_order_cleared', {}, ctx.now) : next;
    }
  }
}
