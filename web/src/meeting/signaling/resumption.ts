/**
 * The resumption token per room in sessionStorage (per tab, survives a reload, gone when the tab
 * closes), so that a reload resumes the same participant. Tokens older than the server's
 * resumption window cannot work any more and are ignored.
 */

export const RESUMPTION_KEY_PREFIX = 'plenum.resume.';
/** The server's default rooms.resumption_window. */
export const RESUMPTION_WINDOW_MS = 60_000;

export interface StoredResumption {
  readonly token: string;
  readonly signalingUrl: string;
  readonly participantId: string;
  /** When the token was last known to be valid (join_success, or the last moment connected). */
  readonly savedAt: number;
  readonly microphoneEnabled: boolean;
  readonly cameraEnabled: boolean;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isStored(v: unknown): v is StoredResumption {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.token === 'string' &&
    r.token.length > 0 &&
    typeof r.signalingUrl === 'string' &&
    typeof r.participantId === 'string' &&
    typeof r.savedAt === 'number' &&
    typeof r.microphoneEnabled === 'boolean' &&
    typeof r.cameraEnabled === 'boolean'
  );
}

export function loadResumption(roomId: string, now: number = Date.now()): StoredResumption | null {
  let text: string | null = null;
  try {
    text = storage()?.getItem(RESUMPTION_KEY_PREFIX + roomId) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!isStored(value) || now - value.savedAt > RESUMPTION_WINDOW_MS) return null;
    return value;
  } catch {
    return null;
  }
}

export function saveResumption(roomId: string, value: StoredResumption): void {
  try {
    storage()?.setItem(RESUMPTION_KEY_PREFIX + roomId, JSON.stringify(value));
  } catch {
    // Without storage a reload joins anew.
  }
}

export function clearResumption(roomId: string): void {
  try {
    storage()?.removeItem(RESUMPTION_KEY_PREFIX + roomId);
  } catch {
    // Nothing to remove.
  }
}
