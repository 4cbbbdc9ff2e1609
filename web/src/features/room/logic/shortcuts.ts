/** Keyboard shortcuts of the meeting room (pure event classification). */

export type ShortcutAction = 'microphone' | 'camera' | 'hand' | 'screen' | 'fullscreen';

export interface ShortcutDefinition {
  readonly action: ShortcutAction;
  readonly key: string;
}

/** Ctrl+Shift+<key>; listed in this order in the help dialog. */
export const SHORTCUTS: readonly ShortcutDefinition[] = [
  { action: 'microphone', key: 'M' },
  { action: 'camera', key: 'V' },
  { action: 'hand', key: 'H' },
  { action: 'screen', key: 'S' },
  { action: 'fullscreen', key: 'F' },
];

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly repeat?: boolean;
  readonly target?: EventTarget | null;
}

const TEXT_INPUT_TYPES = new Set([
  'text', 'search', 'email', 'password', 'url', 'tel', 'number', 'date', 'datetime-local', 'month', 'time', 'week',
]);

/** True when keys typed at `target` produce text (inputs, text areas, editable content). */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  const role = target.getAttribute('role');
  return role === 'textbox' || role === 'searchbox' || role === 'combobox';
}

const SPACE_ACTIVATED_ROLES = new Set([
  'button', 'checkbox', 'switch', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'tab', 'link', 'slider',
]);

/** True when Space already means something at `target` (a focused control it activates). */
export function isSpaceActivated(target: EventTarget | null | undefined): boolean {
  if (!(target instanceof Element)) return false;
  if (isTypingTarget(target)) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'button' || tag === 'a' || tag === 'input' || tag === 'summary' || tag === 'video') return true;
  const role = target.getAttribute('role');
  return role !== null && SPACE_ACTIVATED_ROLES.has(role);
}

/** The Ctrl+Shift shortcut an event triggers, or null. */
export function matchShortcut(event: KeyLike): ShortcutAction | null {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return null;
  const key = event.key.toUpperCase();
  const found = SHORTCUTS.find((s) => s.key === key);
  if (found === undefined) return null;
  // Ctrl+Shift+V pastes plain text in a field: leave it to the browser there.
  if (found.action === 'camera' && isTypingTarget(event.target)) return null;
  return found.action;
}

/** A plain Space press that may start push-to-talk (not typing, not on a control). */
export function isPushToTalkKey(event: KeyLike): boolean {
  return (
    (event.key === ' ' || event.key === 'Spacebar') &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    !event.metaKey &&
    !isSpaceActivated(event.target)
  );
}
