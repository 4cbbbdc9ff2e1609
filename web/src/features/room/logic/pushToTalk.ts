/**
 * Hold-to-talk: a Space press while the microphone is muted unmutes it until the key is
 * released (or the window loses focus). Pressing Space while already unmuted does nothing.
 */
export class PushToTalk {
  private active = false;
  private readonly setMicrophoneEnabled: (enabled: boolean) => void;

  constructor(setMicrophoneEnabled: (enabled: boolean) => void) {
    this.setMicrophoneEnabled = setMicrophoneEnabled;
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Space went down; returns true when the press was taken for push-to-talk. */
  press(microphoneMuted: boolean, repeat: boolean): boolean {
    if (this.active) return true; // key repeat while held
    if (repeat || !microphoneMuted) return false;
    this.active = true;
    this.setMicrophoneEnabled(true);
    return true;
  }

  /** Space released or focus lost. */
  release(): void {
    if (!this.active) return;
    this.active = false;
    this.setMicrophoneEnabled(false);
  }
}
