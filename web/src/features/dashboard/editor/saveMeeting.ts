/** Sends the editor's result: the meeting, then the invitation changes. */
import { ApiError } from '../../../api/client';
import {
  createEvent,
  inviteToEvent,
  updateEvent,
  withdrawEventInvite,
  type EventInput,
  type MeetingEvent,
} from '../../../api/events';
import { createBody, invitee, inviteChanges, type InviteeRow } from '../lib/invitees';

export interface SaveResult {
  readonly event: MeetingEvent;
  /** The invitee list as the server now has it (failed additions stay unsent). */
  readonly rows: readonly InviteeRow[];
  /** Rows whose invitation or withdrawal failed. */
  readonly failed: readonly { readonly row: InviteeRow; readonly error: unknown }[];
}

/** Creates or updates the meeting (errors thrown), then invites and withdraws (errors collected). */
export async function saveMeeting(
  existing: MeetingEvent | null,
  input: EventInput,
  savedRows: readonly InviteeRow[],
  rows: readonly InviteeRow[],
): Promise<SaveResult> {
  const event = existing === null ? await createEvent(input) : await updateEvent(existing.id, input);
  const changes = inviteChanges(savedRows, rows);
  const failed: { row: InviteeRow; error: unknown }[] = [];
  for (const row of changes.remove) {
    try {
      await withdrawEventInvite(event.id, invitee(row));
    } catch (error) {
      // Already gone is what we wanted.
      if (!(error instanceof ApiError && error.code === 'not_found')) failed.push({ row, error });
    }
  }
  const sent = new Set<string>();
  for (const row of changes.add) {
    try {
      await inviteToEvent(event.id, createBody(row));
      sent.add(row.key);
    } catch (error) {
      failed.push({ row, error });
    }
  }
  const failedRemovals = changes.remove.filter((r) => failed.some((f) => f.row.key === r.key));
  const next = [
    ...rows.map((r) => (sent.has(r.key) ? { ...r, status: 'pending' as const } : r)),
    ...failedRemovals,
  ];
  return { event, rows: next, failed };
}
