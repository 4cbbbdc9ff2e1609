import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  Form,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions } from '../../../meeting';
import {
  LEGAL_VOTE_DURATIONS,
  LEGAL_VOTE_NAME_MAX,
  LEGAL_VOTE_SUBTITLE_MAX,
  LEGAL_VOTE_TOPIC_MAX,
  validName,
} from '../logic/legalVote';
import { useRoomUi } from '../state/roomUi';
import { PanelSelect } from './PanelFields';
import { nearestDuration, PreparedVoteSelect } from './PreparedTemplateSelect';
import '../legal-vote.css';

type DurationId = (typeof LEGAL_VOTE_DURATIONS)[number];

/** Moderators: name, subtitle, motion, roll-call or secret, abstain, live results, auto-close, duration. */
export function StartLegalVoteDialog() {
  const { t } = useI18n();
  const close = useRoomUi((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [subtitle, setSubtitle] = useState('');
  const [topic, setTopic] = useState('');
  const [kind, setKind] = useState<'roll_call' | 'secret'>('roll_call');
  const [allowAbstain, setAllowAbstain] = useState(true);
  const [liveResults, setLiveResults] = useState(false);
  const [autoClose, setAutoClose] = useState(true);
  const [duration, setDuration] = useState<DurationId>('none');
  const [tried, setTried] = useState(false);
  const valid = validName(name);

  const durationLabel = (id: DurationId): string => {
    if (id === 'none') return t('legalVote.dialog.duration.none');
    const seconds = Number(id);
    if (seconds === 3600) return t('legalVote.dialog.duration.hour');
    return t('legalVote.dialog.duration.minutes', { n: seconds / 60 });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid === null) return;
    void actions
      .startLegalVote({
        name: valid,
        ...(subtitle.trim() ? { subtitle: subtitle.trim() } : {}),
        ...(topic.trim() ? { topic: topic.trim() } : {}),
        kind,
        allowAbstain,
        liveResults: kind === 'secret' ? false : liveResults,
        autoClose,
        ...(duration === 'none' ? {} : { durationSeconds: Number(duration) }),
      })
      .catch(() => undefined);
    close();
  };

  return (
    <ModalOverlay isDismissable isOpen onOpenChange={(open) => !open && close()}>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('legalVote.dialog.title')}
          </Heading>
          <Form onSubmit={onSubmit} className="dialog__form">
            <PreparedVoteSelect
              onPick={(v) => {
                setName(v.name);
                setSubtitle(v.subtitle ?? '');
                setTopic(v.topic ?? '');
                setKind(v.kind);
                setAllowAbstain(v.allow_abstain);
                setLiveResults(v.live_results);
                setAutoClose(v.auto_close);
                setDuration(nearestDuration(v.duration_seconds, LEGAL_VOTE_DURATIONS));
              }}
            />
            <TextField className="text-field" value={name} onChange={setName} maxLength={LEGAL_VOTE_NAME_MAX} isRequired autoFocus>
              <Label>{t('legalVote.dialog.name')}</Label>
              <Input className="text-field__input" />
            </TextField>
            <TextField className="text-field" value={subtitle} onChange={setSubtitle} maxLength={LEGAL_VOTE_SUBTITLE_MAX}>
              <Label>{t('legalVote.dialog.subtitle')}</Label>
              <Input className="text-field__input" />
            </TextField>
            <TextField className="text-field" value={topic} onChange={setTopic} maxLength={LEGAL_VOTE_TOPIC_MAX}>
              <Label>{t('legalVote.dialog.topic')}</Label>
              <TextArea className="text-field__input legal-vote-dialog__topic" rows={3} />
            </TextField>
            <RadioGroup
              className="radio-group"
              value={kind}
              onChange={(v) => setKind(v === 'secret' ? 'secret' : 'roll_call')}
            >
              <Label>{t('legalVote.dialog.kind')}</Label>
              <Radio value="roll_call" className="radio">
                {t('legalVote.kind.roll_call')}
              </Radio>
              <Radio value="secret" className="radio">
                {t('legalVote.kind.secret')}
              </Radio>
            </RadioGroup>
            <Checkbox className="checkbox" isSelected={allowAbstain} onChange={setAllowAbstain}>
              <span className="checkbox__box" aria-hidden="true" />
              {t('legalVote.dialog.allowAbstain')}
            </Checkbox>
            <Checkbox
              className="checkbox"
              isSelected={kind !== 'secret' && liveResults}
              isDisabled={kind === 'secret'}
              onChange={setLiveResults}
            >
              <span className="checkbox__box" aria-hidden="true" />
              {t('legalVote.dialog.liveResults')}
            </Checkbox>
            {kind === 'secret' && <p className="legal-vote-dialog__hint">{t('legalVote.dialog.liveResultsSecret')}</p>}
            <Checkbox className="checkbox" isSelected={autoClose} onChange={setAutoClose}>
              <span className="checkbox__box" aria-hidden="true" />
              {t('legalVote.dialog.autoClose')}
            </Checkbox>
            <PanelSelect
              label={t('legalVote.dialog.duration')}
              options={LEGAL_VOTE_DURATIONS.map((id) => ({ id, label: durationLabel(id) }))}
              selected={duration}
              onSelect={setDuration}
            />
            <p className="legal-vote-dialog__hint">{t('legalVote.dialog.hint')}</p>
            {tried && valid === null && (
              <p role="alert" className="legal-vote-dialog__error">
                {t('legalVote.dialog.invalid')}
              </p>
            )}
            <div className="dialog__actions">
              <Button className="button button--secondary" onPress={close}>
                {t('room.dialog.cancel')}
              </Button>
              <Button className="button" type="submit">
                {t('legalVote.dialog.start')}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
