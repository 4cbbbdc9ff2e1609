/** A short signal tone through WebAudio (a speaker's time is up). Never throws: without WebAudio, or when the browser refuses, it stays silent. */

type AudioContextClass = new () => AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context !== null) return context;
  const w = globalThis as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  if (Ctor === undefined) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Two soft beeps (880 Hz, then 660 Hz), about 0.4 s in all. Returns whether a tone was scheduled. */
export function playSignalTone(): boolean {
  try {
    const ctx = audioContext();
    if (ctx === null) return false;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.02;
    [880, 660].forEach((frequency, i) => {
      const at = start + i * 0.22;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    });
    return true;
  } catch {
    return false;
  }
}
