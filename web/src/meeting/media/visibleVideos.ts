/**
 * Visible-video reporting (media.set_receive): which subscribed videos this device shows and at
 * what size. The server starts every track enabled; the first report disables what is not on
 * screen. Only differences to what was last sent go out: at most one disable command and one
 * enable command per size group, in chunks of at most 200 mids.
 */
import type { MediaSetReceiveCommand } from '../../protocol/types';
import type { VisibleVideo } from '../types';

export const MAX_MIDS_PER_COMMAND = 200;
export const VISIBLE_VIDEOS_DEBOUNCE_MS = 300;

export type ReceiveCommand = Omit<MediaSetReceiveCommand, 'action'>;

export interface ReceiveState {
  readonly enabled: boolean;
  readonly width: number;
  readonly height: number;
}

/** What the server assumes for a mid nobody reported on yet. */
const SERVER_DEFAULT: ReceiveState = { enabled: true, width: 0, height: 0 };

function dimension(px: number): number {
  if (!Number.isFinite(px) || px <= 0) return 0;
  return Math.min(16384, Math.round(px));
}

/**
 * The wanted state per video mid: visible ones enabled with their size (the largest when one
 * video shows twice), every other video mid disabled.
 * @param mids participant/source key → mid of every subscribed video
 */
export function desiredReceiveState(
  visible: readonly VisibleVideo[],
  mids: ReadonlyMap<string, string>,
): Map<string, ReceiveState> {
  const out = new Map<string, ReceiveState>();
  for (const mid of mids.values()) out.set(mid, { enabled: false, width: 0, height: 0 });
  for (const v of visible) {
    const mid = mids.get(`${v.participantId}/${v.source}`);
    if (mid === undefined) continue;
    const width = dimension(v.width);
    const height = dimension(v.height);
    const prev = out.get(mid);
    if (prev?.enabled === true && prev.width * prev.height >= width * height) continue;
    out.set(mid, { enabled: true, width, height });
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
  const enable = new Map<string, string[]>(); // "w x h" → mids
  for (const [mid, want] of desired) {
    const have = sent.get(mid) ?? SERVER_DEFAULT;
    if (!want.enabled) {
      if (have.enabled) disable.push(mid);
      continue;
    }
    if (have.enabled && have.width === want.width && have.height === want.height) continue;
    const key = `${want.width}x${want.height}`;
    enable.set(key, [...(enable.get(key) ?? []), mid]);
  }
  const commands: ReceiveCommand[] = [];
  for (const mids of chunks(disable.sort())) commands.push({ mids, enabled: false });
  for (const [key, mids] of [...enable].sort(([a], [b]) => a.localeCompare(b))) {
    const [width, height] = key.split('x').map(Number) as [number, number];
    for (const part of chunks(mids.sort())) {
      const command: ReceiveCommand = { mids: part, enabled: true };
      if (width > 0) command.width = width;
      if (height > 0) command.height = height;
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
        this.sent.set(mid, { enabled: command.enabled, width: command.width ?? 0, height: command.height ?? 0 });
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
