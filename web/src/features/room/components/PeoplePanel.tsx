import { Hand, MicOff, WifiOff } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue } from 'react-aria-components';
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
import { PersonMenu } from './PersonMenu';
import { WaitingRoomSection } from './WaitingRoomSection';

const SORTS: readonly { readonly id: ParticipantSort; readonly key: 'name' | 'joined' | 'hand' | 'speaking' }[] = [
  { id: 'raised_hand', key: 'hand' },
  { id: 'name', key: 'name' },
  { id: 'join_time', key: 'joined' },
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
        <SearchField className="search-field" value={query} onChange={setQuery}>
          <Label className="sr-only">{t('room.people.search')}</Label>
          <Input className="search-field__input" placeholder={t('room.people.search')} />
        </SearchField>
        <Select
          className="select"
          selectedKey={sort}
          onSelectionChange={(key) => {
            const next = SORTS.find((o) => o.id === key);
            if (next) setSort(next.id);
          }}
        >
          <Label className="select__label">{t('room.people.sort')}</Label>
          <Button className="select__button">
            <SelectValue />
          </Button>
          <Popover className="popover">
            <ListBox className="menu">
              {SORTS.map((o) => (
                <ListBoxItem key={o.id} id={o.id} className="menu__item">
                  {t(`room.people.sort.${o.key}`)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
      </div>
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
