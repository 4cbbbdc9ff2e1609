import { useState } from 'react';
import { Checkbox, Input, Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions } from '../../../meeting';
import {
  LEGAL_VOTE_DURATIONS,
  LEGAL_VOTE_NAME_MAX,
  LEGAL_VOTE_SUBTITLE_MAX,
  LEGAL_VOTE_TOPIC_MAX,
  validName,
} from '../logic/legalVote';
import { quietly } from '../logic/quietly';
import { nearestDuration, PreparedVoteSelect } from './PreparedTemplateSelect';
import { DurationSelect, ProcedureDialog } from './ProcedureDialog';
import '../legal-vote.css';

type DurationId = (typeof LEGAL_VOTE_DURATIONS)[number];

/** Moderators: name, subtitle, motion, roll-call or secret, abstain, live results, auto-close, duration. */
export function StartLegalVoteDialog() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [subtitle, setSubtitle] = useState('');
  const [topic, setTopic] = useState('');
  const [kind, setKind] = useState<'roll_call' | 'secret'>('roll_call');
  const [allowAbstain, setAllowAbstain] = useState(true);
  const [liveResults, setLiveResults] = useState(false);
  const [autoClose, setAutoClose] = useState(true);
  const [duration, setDuration] = useState<DurationId>('none');
  const valid = validName(name);

  const start = () =>
    quietly(
      actions.startLegalVote({
        name: valid ?? '',
        ...(subtitle.trim() ? { subtitle: subtitle.trim() } : {}),
        ...(topic.trim() ? { topic: topic.trim() } : {}),
        kind,
        allowAbstain,
        liveResults: kind === 'secret' ? false : liveResults,
        autoClose,
        ...(duration === 'none' ? {} : { durationSeconds: Number(duration) }),
      }),
    );

  return (
    <ProcedureDialog
      title={t('legalVote.dialog.title')}
      submitLabel={t('legalVote.dialog.start')}
      error={valid === null ? t('legalVote.dialog.invalid') : null}
      onSubmit={start}
    >
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
      {kind === 'secret' && <p className="procedure-dialog__hint">{t('legalVote.dialog.liveResultsSecret')}</p>}
      <Checkbox className="checkbox" isSelected={autoClose} onChange={setAutoClose}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('legalVote.dialog.autoClose')}
      </Checkbox>
      <DurationSelect
        label={t('legalVote.dialog.duration')}
        noneLabel={t('legalVote.dialog.duration.none')}
        options={LEGAL_VOTE_DURATIONS}
        selected={duration}
        onSelect={setDuration}
      />
      <p className="procedure-dialog__hint">{t('legalVote.dialog.hint')}</p>
    </ProcedureDialog>
  );
}
