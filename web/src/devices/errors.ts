/** Why a camera or microphone could not be opened, in the terms a user can act on. */
export type DeviceErrorKind = 'no_device' | 'permission_denied' | 'in_use' | 'unsupported' | 'other';

export function classifyMediaError(error: unknown): DeviceErrorKind {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no_device';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'permission_denied';
    case 'NotReadableError':
    case 'AbortError':
      return 'in_use';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'other';
  }
}
