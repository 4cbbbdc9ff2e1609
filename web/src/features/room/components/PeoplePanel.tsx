import { Hand, MicOff, WifiOff } from 'lucide-react';
import { useId, useState } from 'react';
import { useI18n } from '../../../i18n';
import {
  handPosition,
  isModerator,
  isSending,
  selectIsModerator,
  sortParticipants,
  useMeeting,
  type Participant,
  type ParticipantSort,
} from '../../../meeting';
import { filterPeople, formatDuration, initials } from '../logic/people';
import { LabelledIcon } from './Icon';
import { ModeratorTools } from './ModeratorTools';
import { PointsOfOrderSection } from './PointsOfOrder';
import { PanelSearch, PanelSelect } from './PanelFields';
import { PersonMenu } from './PersonMenu';
import { WaitingRoomSection } from './WaitingRoomSection';

const SORTS: readonly { readonly id: ParticipantSort; readonly key: 'name' | 'joined' | 'hand' | 'speaking' | 'least' | 'last' }[] = [
  { id: 'raised_hand', key: 'hand' },
  { id: 'name', key: 'name' },
  { id: 'join_time', key: 'joined' },
  { id: 'spoke_last', key: 'last' },
  { id: 'spoke_least', key: 'least' },
  { id: 'speaking_time', key: 'speaking' },
];

function PersonRow({ person }: { readonly person: Participant }) {
  const { t } = useI18n();
  const s = useMeeting((st) => ({
    isSelf: st.selfId === person.id,
    moderator: isModerator(st, person.id),
    micOff: st.selfId === person.id ? !st.media.local.microphone : !isSending(st, person.id, 'microphone'),
    hand: handPosition(st, person.id),
    speakingMs: st.media.speakingTimes[person.id] ?? 0,
    presenter: st.media.presenters.includes(person.id),
  }));
  const name = person.display_name || t('room.unnamed');
  const badges: string[] = [];
  if (person.role === 'owner') badges.push(t('room.people.owner'));
  else if (s.moderator) badges.push(t('room.people.moderator'));
  if (person.kind === 'guest') badges.push(t('room.people.guest'));
  if (person.kind === 'phone') badges.push(t('room.people.phone'));
  if (s.presenter && !s.moderator) badges.push(t('room.people.presenter'));

  return (
    <li className="person" data-participant-id={person.id}>
      <span className="avatar" aria-hidden="true">
        {initials(name)}
      </span>
      <div className="person__main">
        <span className="person__name">{s.isSelf ? t('room.you', { name }) : name}</span>
        <span className="person__detail">
          {badges.join(' · ')}
          {s.speakingMs > 0 && (
            <span className="person__speaking">{t('room.people.speakingTime', { time: formatDuration(s.speakingMs) })}</span>
          )}
        </span>
      </div>
      <div className="person__status">
        {s.hand !== null && (
          <span className="person__hand">
            <LabelledIcon icon={Hand} label={t('room.tile.handRaised')} />
            <span aria-hidden="true">{s.hand}</span>
          </span>
        )}
        {s.micOff && <LabelledIcon icon={MicOff} label={t('room.tile.muted')} />}
        {person.devices === 0 && <LabelledIcon icon={WifiOff} label={t('room.tile.reconnecting')} />}
      </div>
      <PersonMenu person={person} />
    </li>
  );
}

/** People: search, sort, waiting room and moderator tools for moderators. */
export function PeoplePanel() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ParticipantSort>('raised_hand');
  const people = useMeeting((s) => sortParticipants(s, sort).filter((p) => p.kind !== 'service'));
  const moderator = useMeeting(selectIsModerator);
  const shown = filterPeople(people, query);
  const headingId = useId();

  return (
    <div className="people-panel">
      <div className="people-panel__tools">
        <PanelSearch label={t('room.people.search')} value={query} onChange={setQuery} />
        <PanelSelect
          label={t('room.people.sort')}
          options={SORTS.map((o) => ({ id: o.id, label: t(`room.people.sort.${o.key}`) }))}
          selected={sort}
          onSelect={setSort}
        />
      </div>
      <PointsOfOrderSection />
      {moderator && <WaitingRoomSection />}
      <section className="panel-section" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel-section__title">
          {t('room.people.inMeeting', { count: people.length })}
        </h2>
        {shown.length === 0 ? (
          <p className="panel__hint">{t('room.people.none')}</p>
        ) : (
          <ul className="people-list" aria-labelledby={headingId}>
            {shown.map((p) => (
              <PersonRow key={p.id} person={p} />
            ))}
          </ul>
        )}
      </section>
      {moderator && <ModeratorTools />}
    </div>
  );
}
