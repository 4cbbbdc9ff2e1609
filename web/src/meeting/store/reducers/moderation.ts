/** moderation: being removed, mute requests, the moderation settings. */
import type { ModerationEvent } from '../../../protocol/types';
import type { MeetingState } from '../../types';
import { mayUnmute } from '../selectors';
import { notify, type ReduceContext } from './common';
import { endMeeting } from './control';

export function reduceModeration(state: MeetingState, event: ModerationEvent, ctx: ReduceContext): MeetingState {
  switch (event.message) {
    case 'kicked':
      return endMeeting(state, event.reason);
    case 'mute_requested':
      // The session switches the microphone off.
      return notify(state, 'muted_by_moderator', { by: event.by }, ctx.now);
    case 'settings_changed': {
      const before = mayUnmute(state);
      let next: MeetingState = {
        ...state,
        moderation: event.state,
        room: state.room === null ? null : { ...state.room, locked: event.state.locked },
      };
      const after = mayUnmute(next);
      if (before && !after) next = notify(next, 'microphone_restricted', {}, ctx.now);
      if (!before && after) next = notify(next, 'microphone_allowed', {}, ctx.now);
      return next;
    }
  }
}
