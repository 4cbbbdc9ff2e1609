import { Gavel } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { downloadVoteProtocol, downloadVoteReport } from '../../../api/votes';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting, type LegalVote } from '../../../meeting';
import { choicesOf, currentLegalVote, type LegalVoteChoice } from '../logic/legalVote';
import { formatDuration } from '../logic/polls';
import { useServerNow } from '../hooks/useServerNow';
import { ProcedureCard } from './ProcedureCard';
import '../legal-vote.css';
import { quietly } from '../logic/quietly';


/** Yes / No / (Abstain), then a confirmation: a vote cannot be changed. */
function Ballot({ vote }: { readonly vote: LegalVote }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<LegalVoteChoice | null>(null);
  const label = (c: LegalVoteChoice) => t(`legalVote.${c}`);
  if (picked !== null) {
    return (
      <div className="legal-vote__ballot" role="group" aria-label={t('legalVote.ballot')}>
        <p className="legal-vote__confirm">{t('legalVote.confirm', { choice: label(picked) })}</p>
        <div className="legal-vote__actions">
          <Button className="button button--small button--secondary" onPress={() => setPicked(null)}>
            {t('legalVote.back')}
          </Button>
          <Button
            className="button button--small"
            autoFocus
            data-testid="legal-vote-confirm"
            onPress={() => quietly(actions.castLegalVote(vote.id, picked))}
          >
            {t('legalVote.confirmButton')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="legal-vote__ballot" role="group" aria-label={t('legalVote.ballot')} data-testid="legal-vote-ballot">
      {choicesOf(vote).map((c) => (
        <Button key={c} className={`button legal-vote__choice legal-vote__choice--${c}`} onPress={() => setPicked(c)}>
          {label(c)}
        </Button>
      ))}
    </div>
  );
}

function Results({ vote }: { readonly vote: LegalVote }) {
  const { t } = useI18n();
  const headingId = useId();
  if (vote.tally === undefined) return null;
  const tally = vote.tally;
  const rows: [LegalVoteChoice, number][] = [
    ['yes', tally.yes],
    ['no', tally.no],
  ];
  if (vote.allow_abstain) rows.push(['abstain', tally.abstain]);
  return (
    <div className="legal-vote__results">
      <h3 id={headingId} className="procedure-card__subtitle">
        {t('legalVote.results')}
      </h3>
      <ul aria-labelledby={headingId} className="legal-vote__tally" data-testid="legal-vote-tally">
        {rows.map(([c, n]) => (
          <li key={c}>{t('legalVote.count', { choice: t(`legalVote.${c}`), count: n })}</li>
        ))}
      </ul>
      {vote.named.length > 0 && (
        <details className="legal-vote__named">
          <summary>{t('legalVote.named')}</summary>
          <ul>
            {vote.named.map((n) => (
              <li key={n.participant_id}>
                {n.display_name}: {t(`legalVote.${n.choice}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function EndScreen({ vote }: { readonly vote: LegalVote }) {
  const { t, language } = useI18n();
  const receipt = useMeeting((s) => s.legalVote.receipts[vote.id]);
  const moderator = useMeeting(selectIsModerator);
  const selfId = useMeeting((s) => s.selfId);
  const [failed, setFailed] = useState(false);
  const mayDownload = moderator || (selfId !== null && vote.voters.includes(selfId));
  const reason = vote.end_reason ?? 'stopped';
  const download = (p: Promise<void>) => {
    setFailed(false);
    p.catch(() => setFailed(true));
  };
  return (
    <div className="legal-vote__end">
      <p className="legal-vote__outcome" data-testid="legal-vote-outcome">
        {reason === 'cancelled'
          ? t('legalVote.end.cancelled', { reason: vote.cancel_reason ?? '' })
          : t(`legalVote.end.${reason}`)}
      </p>
      {vote.valid === true && <p className="legal-vote__valid">{t('legalVote.valid')}</p>}
      {vote.valid === false && reason !== 'cancelled' && (
        <p className="legal-vote__invalid">{t('legalVote.invalid', { reason: vote.invalid_reason ?? '' })}</p>
      )}
      <Results vote={vote} />
      {receipt !== undefined && (
        <div className="legal-vote__receipt">
          <span className="legal-vote__label">{t('legalVote.receipt')}</span>
          <code data-testid="legal-vote-receipt">{receipt.receipt}</code>
          <span className="legal-vote__hint">{t('legalVote.receiptHint')}</span>
        </div>
      )}
      {vote.protocol_hash !== undefined && (
        <div className="legal-vote__receipt">
          <span className="legal-vote__label">{t('legalVote.hash')}</span>
          <code>{vote.protocol_hash}</code>
        </div>
      )}
      {mayDownload && (
        <div className="legal-vote__actions">
          <Button
            className="button button--small"
            data-testid="legal-vote-pdf"
            onPress={() => download(downloadVoteReport(vote.id, language === 'de' ? 'de' : 'en'))}
          >
            {t('legalVote.downloadPdf')}
          </Button>
          <Button className="button button--small button--secondary" onPress={() => download(downloadVoteProtocol(vote.id))}>
            {t('legalVote.downloadJson')}
          </Button>
        </div>
      )}
      {failed && (
        <p role="alert" className="legal-vote__invalid">
          {t('legalVote.downloadFailed')}
        </p>
      )}
    </div>
  );
}

function ModeratorActions({ vote }: { readonly vote: LegalVote }) {
  const { t } = useI18n();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  if (cancelling) {
    return (
      <div className="legal-vote__cancel">
        <TextField className="text-field" value={reason} onChange={setReason} maxLength={500} autoFocus>
          <Label>{t('legalVote.cancelReason')}</Label>
          <Input className="text-field__input" />
        </TextField>
        <div className="legal-vote__actions">
          <Button className="button button--small button--secondary" onPress={() => setCancelling(false)}>
            {t('legalVote.back')}
          </Button>
          <Button
            className="button button--small button--danger"
            isDisabled={reason.trim() === ''}
            onPress={() => quietly(actions.cancelLegalVote(vote.id, reason.trim()))}
          >
            {t('legalVote.cancelConfirm')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="legal-vote__actions">
      <Button className="button button--small button--danger" onPress={() => quietly(actions.stopLegalVote(vote.id))}>
        {t('legalVote.stop')}
      </Button>
      <Button className="button button--small button--secondary" onPress={() => setCancelling(true)}>
        {t('legalVote.cancel')}
      </Button>
    </div>
  );
}

/**
 * The running legal vote (or the last one) as a card over the stage: name, motion, progress,
 * the ballot for eligible voters (one-time, with confirmation), live results when allowed, for
 * moderators "End vote" and "Cancel vote"; after the end the result, validity, the own receipt,
 * the verification hash and the protocol downloads.
 */
export function LegalVoteCard() {
  const { t } = useI18n();
  const votes = useMeeting((s) => s.legalVote.votes);
  const ballots = useMeeting((s) => s.legalVote.ballots);
  const receipts = useMeeting((s) => s.legalVote.receipts);
  const moderator = useMeeting(selectIsModerator);
  const vote = currentLegalVote(votes);
  const running = vote !== null && vote.state === 'running';
  const now = useServerNow(running && vote.ends_at !== undefined, 1000);
  if (vote === null) return null;
  const token = ballots[vote.id];
  const own = receipts[vote.id];
  const state = running ? t('legalVote.card') : vote.state === 'cancelled' ? t('legalVote.cancelled') : t('legalVote.ended');
  return (
    <ProcedureCard
      itemId={vote.id}
      running={running}
      variant="legal-vote"
      icon={Gavel}
      kind={`${t(`legalVote.kind.${vote.kind}`)} · ${state}`}
      title={vote.name}
      labels={{ hide: t('legalVote.hide'), show: t('legalVote.show'), close: t('legalVote.close') }}
      testId="legal-vote-card"
      data={{ 'data-vote-id': vote.id }}
    >
      {vote.subtitle !== undefined && <p className="legal-vote__subtitle-text">{vote.subtitle}</p>}
      {vote.topic !== undefined && <p className="legal-vote__topic">{vote.topic}</p>}
      <p className="legal-vote__meta" aria-live="polite">
        {t('legalVote.progress', { voted: vote.voted, eligible: vote.voters.length })}
        {running && vote.ends_at !== undefined && (
          <span> · {t('legalVote.timeLeft', { time: formatDuration(vote.ends_at - now) })}</span>
        )}
      </p>
      {running && token !== undefined && <Ballot vote={vote} />}
      {own !== undefined && (
        <p role="status" className="legal-vote__status" data-testid="legal-vote-voted">
          {t('legalVote.voted', { choice: t(`legalVote.${own.choice as LegalVoteChoice}`) })}
        </p>
      )}
      {running && token === undefined && own === undefined && (
        <p className="legal-vote__hint" data-testid="legal-vote-not-eligible">
          {t('legalVote.notEligible')}
        </p>
      )}
      {running && <Results vote={vote} />}
      {running && moderator && <ModeratorActions vote={vote} />}
      {!running && <EndScreen vote={vote} />}
    </ProcedureCard>
  );
}
