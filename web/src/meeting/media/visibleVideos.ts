/**
 * Visible-video reporting (media.set_receive): which subscribed videos this device shows and at
 * what size. The server starts every track enabled; the first report disables what is not on
 * screen. Only differences to what was last sent go out: at most one disable command and one
 * enable command per size and priority group, in chunks of at most 200 mids. `priority` is sent
 * only when it changes (the server keeps it; initially `normal`).
 */
import type { MediaSetReceiveCommand } from '../../protocol/types';
import type { VideoPriority, VisibleVideo } from '../types';

export const MAX_MIDS_PER_COMMAND = 200;
export const VISIBLE_VIDEOS_DEBOUNCE_MS = 300;

export type ReceiveCommand = Omit<MediaSetReceiveCommand, 'action'>;

export interface ReceiveState {
  readonly enabled: boolean;
  readonly width: number;
  readonly height: number;
  readonly priority: VideoPriority;
}

/** What the server assumes for a mid nobody reported on yet. */
const SERVER_DEFAULT: ReceiveState = { enabled: true, width: 0, height: 0, priority: 'normal' };

function dimension(px: number): number {
  if (!Number.isFinite(px) || px <= 0) return 0;
  return Math.min(16384, Math.round(px));
}

/**
 * The wanted state per video mid: visible ones enabled with their size (the largest when one
 * video shows twice) and priority (high when any of its tiles is), every other video mid
 * disabled (keeping the priority last sent: a disabled video's priority does not matter).
 * @param mids participant/source key → mid of every subscribed video
 */
export function desiredReceiveState(
  visible: readonly VisibleVideo[],
  mids: ReadonlyMap<string, string>,
): Map<string, ReceiveState> {
  const out = new Map<string, ReceiveState>();
  for (const mid of mids.values()) out.set(mid, { enabled: false, width: 0, height: 0, priority: 'normal' });
  for (const v of visible) {
    const mid = mids.get(`${v.participantId}/${v.source}`);
    if (mid === undefined) continue;
    const width = dimension(v.width);
    const height = dimension(v.height);
    const prev = out.get(mid);
    const high = v.priority === 'high' || (prev?.enabled === true && prev.priority === 'high');
    const priority: VideoPriority = high ? 'high' : 'normal';
    if (prev?.enabled === true && prev.width * prev.height >= width * height) {
      out.set(mid, { ...prev, priority });
      continue;
    }
    out.set(mid, { enabled: true, width, height, priority });
  }
  return out;
}

function chunks(mids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < mids.length; i += MAX_MIDS_PER_COMMAND) out.push(mids.slice(i, i + MAX_MIDS_PER_COMMAND));
  return out;
}

/** The commands that take the server from `sent` to `desired` (mids absent from `desired` are ignored). */
export function planReceiveCommands(
  desired: ReadonlyMap<string, ReceiveState>,
  sent: ReadonlyMap<string, ReceiveState>,
): ReceiveCommand[] {
  const disable: string[] = [];
  const enable = new Map<string, string[]>(); // "w x h x priority to send ('' = unchanged)" → mids
  for (const [mid, want] of desired) {
    const have = sent.get(mid) ?? SERVER_DEFAULT;
    if (!want.enabled) {
      if (have.enabled) disable.push(mid);
      continue;
    }
    const priorityChanged = have.priority !== want.priority;
    if (have.enabled && have.width === want.width && have.height === want.height && !priorityChanged) continue;
    const key = `${want.width}x${want.height}x${priorityChanged ? want.priority : ''}`;
    enable.set(key, [...(enable.get(key) ?? []), mid]);
  }
  const commands: ReceiveCommand[] = [];
  for (const mids of chunks(disable.sort())) commands.push({ mids, enabled: false });
  for (const [key, mids] of [...enable].sort(([a], [b]) => a.localeCompare(b))) {
    const [w, h, priority] = key.split('x') as [string, string, string];
    const width = Number(w);
    const height = Number(h);
    for (const part of chunks(mids.sort())) {
      const command: ReceiveCommand = { mids: part, enabled: true };
      if (width > 0) command.width = width;
      if (height > 0) command.height = height;
      if (priority === 'high' || priority === 'normal') command.priority = priority;
      commands.push(command);
    }
  }
  return commands;
}

/**
 * Debounces the UI's reports and sends what changed. Nothing is sent before the first report
 * (a UI that never reports keeps receiving everything).
 */
export class VisibleVideoReporter {
  private visible: readonly VisibleVideo[] | null = null;
  private mids: ReadonlyMap<string, string> = new Map();
  private sent = new Map<string, ReceiveState>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disabled = false;
  private readonly send: (command: ReceiveCommand) => boolean;
  private readonly debounceMs: number;

  /** @param send returns false when the command could not be sent (it is retried on the next change). */
  constructor(send: (command: ReceiveCommand) => boolean, debounceMs: number = VISIBLE_VIDEOS_DEBOUNCE_MS) {
    this.send = send;
    this.debounceMs = debounceMs;
  }

  setVisible(videos: readonly VisibleVideo[]): void {
    this.visible = videos;
    this.schedule();
  }

  /** The subscribed videos changed (participant/source → mid). */
  setMids(mids: ReadonlyMap<string, string>): void {
    this.mids = mids;
    const current = new Set(mids.values());
    for (const mid of [...this.sent.keys()]) if (!current.has(mid)) this.sent.delete(mid);
    this.schedule();
  }

  /** The server forgot what was sent (new subscribe connection): report everything again. */
  reset(): void {
    this.sent = new Map();
    this.schedule();
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.visible === null || this.disabled) return;
    const desired = desiredReceiveState(this.visible, this.mids);
    for (const command of planReceiveCommands(desired, this.sent)) {
      if (!this.send(command)) return;
      for (const mid of command.mids) {
        const priority = command.priority ?? this.sent.get(mid)?.priority ?? SERVER_DEFAULT.priority;
        this.sent.set(mid, { enabled: command.enabled, width: command.width ?? 0, height: command.height ?? 0, priority });
      }
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops reporting for good (the server does not know set_receive). */
  disable(): void {
    this.disabled = true;
    this.dispose();
  }

  private schedule(): void {
    if (this.visible === null || this.disabled) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }
}
