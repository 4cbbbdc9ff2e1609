/** How procedure dialogs and the meeting editor name a duration of whole seconds. */
import type { Translate } from '../../../i18n';

export function durationText(t: Translate, seconds: number): string {
  if (seconds < 60) return t('procedures.duration.seconds', { n: seconds });
  if (seconds === 3600) return t('procedures.duration.hour');
  return t('procedures.duration.minutes', { n: seconds / 60 });
}
