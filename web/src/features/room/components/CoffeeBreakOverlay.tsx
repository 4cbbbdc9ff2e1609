import { Coffee } from 'lucide-react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { actions, selectIsModerator, useMeeting } from '../../../meeting';
import { formatTime } from './chatLabels';
import { useServerNow } from '../hooks/useServerNow';
import { formatDuration } from '../logic/polls';
import { useProceduresUi } from '../state/procedures';
import '../procedures.css';

/**
 * A running coffee break, full screen for everyone: the time left (server clock), when the
 * meeting continues, "Back to the meeting" (closes it for this person; TimerCard offers to show
 * it again) and, for moderators, "End coffee break".
 */
export function CoffeeBreakOverlay() {
  const { t, language } = useI18n();
  const timer = useMeeting((s) => s.timer.current);
  const offset = useMeeting((s) => s.timer.clockOffsetMs ?? 0);
  const moderator = useMeeting(selectIsModerator);
  const closedBreakId = useProceduresUi((s) => s.closedBreakId);
  const close = useProceduresUi((s) => s.closeBreak);
  const isBreak = timer !== null && timer.kind === 'coffee_break';
  const now = useServerNow(isBreak);
  if (!isBreak || closedBreakId === timer.id || timer.ends_at === undefined) return null;
  const endsAt = timer.ends_at;
  return (
    <ModalOverlay className="coffee-break" isOpen isDismissable={false} isKeyboardDismissDisabled={false} onOpenChange={(open) => !open && close(timer.id)}>
      <Modal className="coffee-break__modal">
        <Dialog className="coffee-break__dialog" data-testid="coffee-break">
          <Coffee aria-hidden="true" size={64} className="coffee-break__icon" />
          <Heading slot="title" className="coffee-break__title">
            {timer.title ?? t('timer.break.title')}
          </Heading>
          <p className="coffee-break__time" role="timer">
            {formatDuration(endsAt - now)}
          </p>
          {/* The local wall-clock time at which the server's end time arrives. */}
          <p className="coffee-break__until">{t('timer.break.until', { time: formatTime(endsAt - offset, language) })}</p>
          <div className="coffee-break__actions">
            <Button className="button" autoFocus onPress={() => close(timer.id)}>
              {t('timer.break.back')}
            </Button>
            {moderator && (
              <Button className="button button--danger" onPress={() => void actions.stopTimer(timer.id).catch(() => undefined)}>
                {t('timer.break.end')}
              </Button>
            )}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
