import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { Button, MenuItem } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, addableFrom, isWheelSpinning, namedSpeakers, useMeeting, type SpeakerQueue } from '../../../meeting';
import { quietly } from '../logic/quietly';
import { MenuButton } from './MenuParts';
import { PanelSelect } from './PanelFields';

const RANDOM = '';

/** The current speaker: "Pass the word" (in nomination rounds to the person chosen, or at random). */
export function YieldControls({ queue }: { readonly queue: SpeakerQueue }) {
  const { t } = useI18n();
  const participants = useMeeting((s) => s.participants);
  const upcoming = namedSpeakers(participants, queue.upcoming);
  const [next, setNext] = useState<string>(RANDOM);
  const nominee = upcoming.some((p) => p.id === next) ? next : RANDOM;
  return (
    <div className="speakers__actions" role="group" aria-label={t('speakers.currentSelf')}>
      {queue.selection === 'nomination' && upcoming.length > 0 && (
        <PanelSelect
          label={t('speakers.nominate')}
          options={[{ id: RANDOM, label: t('speakers.nominate.random') }, ...upcoming.map((p) => ({ id: p.id, label: p.name || t('room.unnamed') }))]}
          selected={nominee}
          onSelect={setNext}
        />
      )}
      <Button
        className="button button--small"
        onPress={() => quietly(actions.yieldWord(queue.id, nominee === RANDOM ? undefined : nominee))}
      >
        {t('speakers.yield')}
      </Button>
    </div>
  );
}

/** Moderators: next (or spin the wheel), skip, add someone, end the round. */
export function SpeakerModeratorControls({ queue }: { readonly queue: SpeakerQueue }) {
  const { t } = useI18n();
  const spinning = useMeeting(isWheelSpinning);
  const participants = useMeeting((s) => s.participants);
  const addable = addableFrom(participants, queue);
  const hasCurrent = queue.current !== undefined;
  const canNext = !spinning && (queue.upcoming.length > 0 || hasCurrent);
  return (
    <div className="speakers__actions">
      <Button className="button button--small" isDisabled={!canNext} onPress={() => quietly(actions.nextSpeaker(queue.id))}>
        {queue.selection === 'wheel' && queue.upcoming.length > 0 ? t('speakers.spin') : t('speakers.next')}
      </Button>
      <Button
        className="button button--small button--secondary"
        isDisabled={spinning || !hasCurrent}
        onPress={() => quietly(actions.skipSpeaker(queue.id))}
      >
        {t('speakers.skip')}
      </Button>
      <MenuButton
        label={t('speakers.add')}
        face={<UserPlus aria-hidden="true" size={16} />}
        buttonClassName="button button--small button--secondary"
        isDisabled={addable.length === 0}
        placement="bottom end"
        onAction={(key) => quietly(actions.addSpeaker(queue.id, String(key)))}
      >
        {addable.map((p) => (
          <MenuItem key={p.id} id={p.id} className="menu__item">
            {p.name || t('room.unnamed')}
          </MenuItem>
        ))}
      </MenuButton>
      <Button className="button button--small button--danger" onPress={() => quietly(actions.stopSpeakers(queue.id))}>
        {t('speakers.stop')}
      </Button>
    </div>
  );
}
