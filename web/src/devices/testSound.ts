/** Plays a short two-tone chime on the chosen speaker, so users can check they hear the meeting. */
export async function playTestSound(speakerId: string | undefined): Promise<void> {
  if (typeof AudioContext === 'undefined') return;
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const audio = new Audio();
  audio.srcObject = destination.stream;
  if (speakerId && 'setSinkId' in audio) await audio.setSinkId(speakerId);
  const gain = context.createGain();
  gain.connect(destination);
  [660, 880].forEach((frequency, i) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    const start = context.currentTime + i * 0.35;
    gain.gain.setValueAtTime(0.2, start);
    oscillator.start(start);
    oscillator.stop(start + 0.3);
  });
  await audio.play();
  window.setTimeout(() => {
    audio.pause();
    void context.close();
  }, 900);
}
