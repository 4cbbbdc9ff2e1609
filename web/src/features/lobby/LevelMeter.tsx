import { useAudioLevel } from '../../devices';

/** Microphone level as a meter (0–100), announced to screen readers as a meter, not as live text. */
export function LevelMeter({ track, label }: { readonly track: MediaStreamTrack | null; readonly label: string }) {
  const level = Math.round(useAudioLevel(track) * 100);
  return (
    <div className="level-meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={level}>
      <div className="level-meter__bar" style={{ transform: `scaleX(${level / 100})` }} />
    </div>
  );
}
