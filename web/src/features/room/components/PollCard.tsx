import { BarChart3 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Label, Radio, RadioGroup } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting, type Poll } from '../../../meeting';
import { formatDuration, percentages } from '../logic/polls';
import { useServerNow } from '../hooks/useServerNow';
import { ProcedureCard } from './ProcedureCard';
import { quietly } from '../logic/quietly';


function Results({ poll }: { readonly poll: Poll }) {
  const { t } = useI18n();
  const headingId = useId();
  const shares = percentages(poll.results, poll.voters);
  return (
    <div className="poll-card__results">
      <h3 id={headingId} className="procedure-card__subtitle">
        {t('polls.results')}
      </h3>
      <ul aria-labelledby={headingId} className="poll-results">
        {poll.choices.map((choice, i) => {
          const count = poll.results[i] ?? 0;
          const mine = poll.own_choices.includes(i);
          return (
            <li key={i} className={`poll-results__item${mine ? ' poll-results__item--mine' : ''}`} data-testid="poll-result">
              <span className="poll-results__text">
                {t('polls.result', { choice, count, percent: shares[i] ?? 0 })}
                {mine && <span className="poll-results__mine"> · {t('polls.yourChoice')}</span>}
              </span>
              <span className="poll-results__bar" aria-hidden="true">
                <span className="poll-results__fill" style={{ width: `${shares[i] ?? 0}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Ballot({ poll }: { readonly poll: Poll }) {
  const { t } = useI18n();
  const own = poll.own_choices.map(String);
  const [picked, setPicked] = useState<string[]>(own);
  // A vote from another device of this participant (or a resumption) shows up here.
  const ownKey = own.join(',');
  useEffect(() => setPicked(ownKey === '' ? [] : ownKey.split(',')), [ownKey]);
  const changed = picked.slice().sort().join(',') !== own.slice().sort().join(',');
  const submit = () => quietly(actions.votePoll(poll.id, picked.map(Number)));
  const options = poll.choices.map((choice, i) =>
    poll.multiple ? (
      <Checkbox key={i} value={String(i)} className="checkbox">
        <span className="checkbox__box" aria-hidden="true" />
        {choice}
      </Checkbox>
    ) : (
      <Radio key={i} value={String(i)} className="radio">
        {choice}
      </Radio>
    ),
  );
  return (
    <div className="poll-card__ballot">
      {poll.multiple ? (
        <CheckboxGroup className="radio-group" value={picked} onChange={setPicked}>
          <Label className="poll-card__hint">{t('polls.multiple')}</Label>
          {options}
        </CheckboxGroup>
      ) : (
        <RadioGroup className="radio-group" value={picked[0] ?? null} onChange={(v) => setPicked([v])}>
          <Label className="poll-card__hint">{t('polls.single')}</Label>
          {options}
        </RadioGroup>
      )}
      <div className="poll-card__actions">
        <Button className="button button--small" isDisabled={picked.length === 0 || !changed} onPress={submit}>
          {own.length > 0 ? t('polls.changeVote') : t('polls.vote')}
        </Button>
      </div>
      <p role="status" className="poll-card__status">
        {own.length > 0 ? t('polls.voted') : ''}
      </p>
    </div>
  );
}

/**
 * The running poll (or the last one that ended) as a card over the stage, for everyone: the
 * ballot (radio buttons or checkboxes), results as bars with counts and percentages (live or at
 * the end), time left, and for moderators "Stop poll". It can be hidden while it runs and closed
 * once it ended.
 */
export function PollCard() {
  const { t } = useI18n();
  const poll = useMeeting((s) => s.polls.current);
  const moderator = useMeeting(selectIsModerator);
  const running = poll !== null && poll.ended_at === undefined;
  const now = useServerNow(running && poll.ends_at !== undefined, 1000);
  if (poll === null) return null;
  const showResults = !running || poll.live;
  return (
    <ProcedureCard
      itemId={poll.id}
      running={running}
      variant="poll"
      icon={BarChart3}
      kind={running ? t('polls.running') : t('polls.ended')}
      title={poll.topic}
      labels={{ hide: t('polls.hide'), show: t('polls.show'), close: t('polls.close') }}
      testId="poll-card"
      data={{ 'data-poll-id': poll.id }}
    >
      <p className="poll-card__meta">
        {t('polls.voters', { count: poll.voters })}
        {running && poll.ends_at !== undefined && (
          <span data-testid="poll-time-left"> · {t('polls.timeLeft', { time: formatDuration(poll.ends_at - now) })}</span>
        )}
      </p>
      {running && <Ballot poll={poll} />}
      {showResults ? <Results poll={poll} /> : <p className="poll-card__hint">{t('polls.resultsAtEnd')}</p>}
      {running && moderator && (
        <div className="poll-card__actions">
          <Button className="button button--small button--danger" onPress={() => quietly(actions.stopPoll(poll.id))}>
            {t('polls.stop')}
          </Button>
        </div>
      )}
    </ProcedureCard>
  );
}
