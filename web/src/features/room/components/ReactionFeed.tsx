import { useI18n } from '../../../i18n';
import { useMeeting } from '../../../meeting';
import { emojiOf } from './reactions';

/** Recent reactions of everyone (also those whose tile is on another page), bottom left. */
export function ReactionFeed() {
  const { t } = useI18n();
  const recent = useMeeting((s) => s.reactions.recent);
  const names = useMeeting((s) => recent.map((r) => s.participants[r.participantId]?.display_name ?? ''));
  if (recent.length === 0) return null;
  return (
    <ul className="reaction-feed" aria-label={t('room.reactions')}>
      {recent.map((r, i) => (
        <li key={r.id} className="reaction-feed__item">
          <span aria-hidden="true" className="reaction-feed__emoji">
            {emojiOf(r.reaction)}
          </span>
          <span className="visually-hidden">{t('room.reaction.from', { name: names[i] ?? '', reaction: t(`room.reaction.${r.reaction}`) })}</span>
          <span aria-hidden="true">{names[i]}</span>
        </li>
      ))}
    </ul>
  );
}
