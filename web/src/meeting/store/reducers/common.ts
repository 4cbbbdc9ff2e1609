/** Helpers shared by the reducers. */
import type { MeetingState, NotificationCode, NotificationParams } from '../../types';

/** What a reducer needs besides the state and the event. */
export interface ReduceContext {
  /** Local clock (ms since epoch). */
  readonly now: number;
  /** The name the local user just asked for (set_display_name), so it is no `renamed` notice. */
  readonly pendingDisplayName?: string | null;
}

export const MAX_NOTIFICATIONS = 50;

/** Appends a notification (the oldest go beyond MAX_NOTIFICATIONS). */
export function notify(state: MeetingState, code: NotificationCode, params: NotificationParams, now: number): MeetingState {
  const notifications = [...state.notifications, { id: state.seq, code, params, at: now }];
  if (notifications.length > MAX_NOTIFICATIONS) notifications.splice(0, notifications.length - MAX_NOTIFICATIONS);
  return { ...state, notifications, seq: state.seq + 1 };
}

export function without<T>(list: readonly T[], drop: (item: T) => boolean): T[] {
  return list.filter((item) => !drop(item));
}

export function omitKey<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  if (!(key in record)) return record as Record<string, V>;
  const next = { ...record };
  delete next[key];
  return next;
}
