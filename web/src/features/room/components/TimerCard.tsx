import { Coffee, Timer as TimerIcon } from 'lucide-react';
import { useId } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting, type Timer } from '../../../meeting';
import { useServerNow } from '../hooks/useServerNow';
import { formatDuration } from '../logic/polls';
import { useProceduresUi } from '../state/procedures';
import '../procedures.css';
import { quietly } from '../logic/quietly';

/** Remaining time of a countdown, elapsed time of a stopwatch. */
export function timerClock(timer: Timer, serverNow: number): number {
  return timer.ends_at === undefined ? serverNow - timer.started_at : timer.ends_at - serverNow;
}

function ReadyCheck({ timer }: { readonly timer: Timer }) {
  const { t } = useI18n();
  const selfId = useMeeting((s) => s.selfId);
  const moderator = useMeeting(selectIsModerator);
  const people = useMeeting(useShallow((s) => Object.values(s.participants)));
  const mine = selfId !== null && timer.ready.includes(selfId);
  const notReady = people.filter((p) => !timer.ready.includes(p.id));
  return (
    <div className="timer-card__ready">
      <ToggleButton
        className="button button--small button--secondary"
        isSelected={mine}
        onChange={(ready) => quietly(actions.setTimerReady(timer.id, ready))}
      >
        {t('timer.done')}
      </ToggleButton>
      {moderator && (
        <div className="timer-card__ready-list">
          <p>{t('timer.readyCount', { ready: people.length - notReady.length, total: people.length })}</p>
          <p data-testid="timer-not-ready">
            {notReady.length === 0 ? t('timer.allReady') : t('timer.notReady', { names: notReady.map((p) => p.display_name).join(', ') })}
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * The running stopwatch or countdown (time from the server's clock), its ready check, and for
 * moderators "Stop timer". During a coffee break whose overlay this person closed: a chip with
 * the time left and "Show coffee break".
 */
export function TimerCard() {
  const { t } = useI18n();
  const timer = useMeeting((s) => s.timer.current);
  const moderator = useMeeting(selectIsModerator);
  const closedBreakId = useProceduresUi((s) => s.closedBreakId);
  const reopen = useProceduresUi((s) => s.reopenBreak);
  const now = useServerNow(timer !== null);
  const headingId = useId();
  if (timer === null) return null;
  const time = formatDuration(timerClock(timer, now));
  if (timer.kind === 'coffee_break') {
    if (closedBreakId !== timer.id) return null;
    return (
      <section className="timer-card timer-card--break" aria-labelledby={headingId}>
        <h2 id={headingId} className="timer-card__title">
          <Coffee aria-hidden="true" size={16} />
          {t('timer.break.title')}
        </h2>
        <p className="timer-card__time" role="timer">
          {t('timer.remaining', { time })}
        </p>
        <Button className="button button--small" onPress={reopen}>
          {t('timer.break.show')}
        </Button>
      </section>
    );
  }
  return (
    <section className="timer-card" aria-labelledby={headingId} data-testid="timer-card">
      <h2 id={headingId} className="timer-card__title">
        <TimerIcon aria-hidden="true" size={16} />
        {timer.title ?? t(`timer.kind.${timer.kind}`)}
      </h2>
      <p className="timer-card__time" role="timer">
        {timer.kind === 'countdown' ? t('timer.remaining', { time }) : t('timer.elapsed', { time })}
      </p>
      {timer.ready_check && <ReadyCheck timer={timer} />}
      {moderator && (
        <Button className="button button--small button--danger" onPress={() => quietly(actions.stopTimer(timer.id))}>
          {t('timer.stop')}
        </Button>
      )}
    </section>
  );
}
