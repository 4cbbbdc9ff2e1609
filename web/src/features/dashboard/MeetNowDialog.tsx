import { useCallback, useRef, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { createEvent, type MeetingEvent } from '../../api/events';
import { getDialIn, roomUrl, type DialIn } from '../../api/rooms';
import { useCurrentUser } from '../../auth/session';
import { useI18n } from '../../i18n';
import { CopyField } from './components/CopyField';
import { ErrorAlert } from './components/ErrorAlert';
import { guestLinkFor } from './lib/guestLink';

type Part<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

interface Meeting {
  readonly event: MeetingEvent;
  readonly guestLink: Part<string> | null; // null: guests may not enter
  readonly dialIn: Part<DialIn>;
}

export type MeetNowState = { status: 'closed' } | Part<Meeting>;

/**
 * The "meet now" flow. Creation starts from the button press (not from an effect), so a
 * re-mounted dialog never creates a second meeting.
 */
export function useMeetNow(onCreated: () => void) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [state, setState] = useState<MeetNowState>({ status: 'closed' });
  const run = useRef(0);

  const start = useCallback(() => {
    const id = ++run.current;
    const live = () => run.current === id;
    const patch = (change: (m: Meeting) => Meeting) =>
      setState((s) => (live() && s.status === 'ready' ? { status: 'ready', value: change(s.value) } : s));
    setState({ status: 'loading' });
    const title = t('dash.meetNow.defaultTitle', { name: user?.display_name ?? '' }).trim();
    createEvent({ title, adhoc: true }).then(
      (event) => {
        if (!live()) return;
        onCreated();
        const guestsAllowed = !('guest_access' in event.room) || event.room.guest_access !== 'disabled';
        setState({
          status: 'ready',
          value: { event, guestLink: guestsAllowed ? { status: 'loading' } : null, dialIn: { status: 'loading' } },
        });
        if (guestsAllowed) {
          guestLinkFor(event.room_id).then(
            (value) => patch((m) => ({ ...m, guestLink: { status: 'ready', value } })),
            (error: unknown) => patch((m) => ({ ...m, guestLink: { status: 'error', error } })),
          );
        }
        getDialIn(event.room_id).then(
          (value) => patch((m) => ({ ...m, dialIn: { status: 'ready', value } })),
          (error: unknown) => patch((m) => ({ ...m, dialIn: { status: 'error', error } })),
        );
      },
      (error: unknown) => {
        if (live()) setState({ status: 'error', error });
      },
    );
  }, [t, user, onCreated]);

  const close = useCallback(() => {
    run.current += 1;
    setState({ status: 'closed' });
  }, []);

  return { state, start, close };
}

interface Props {
  readonly state: MeetNowState;
  readonly onRetry: () => void;
  readonly onClose: () => void;
}

/** Shows the created meeting: links, password, dial-in data, each copyable, and "Join now". */
export function MeetNowDialog({ state, onRetry, onClose }: Props) {
  return (
    <ModalOverlay
      isDismissable
      isOpen={state.status !== 'closed'}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Modal className="dash-modal">
        {state.status !== 'closed' && <MeetNowBody state={state} onRetry={onRetry} onClose={onClose} />}
      </Modal>
    </ModalOverlay>
  );
}

function MeetNowBody({ state, onRetry, onClose }: Omit<Props, 'state'> & { readonly state: Part<Meeting> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Dialog className="dash-dialog dash-dialog--wide">
      <Heading slot="title" className="dash-dialog__title">
        {state.status === 'ready' ? t('dash.meetNow.title') : t('dash.meetNow')}
      </Heading>
      {state.status === 'loading' && (
        <p role="status" className="dash-loading__text">
          <span className="spinner" aria-hidden="true" />
          {t('dash.meetNow.creating')}
        </p>
      )}
      {state.status === 'error' && <ErrorAlert title={t('dash.meetNow.error')} error={state.error} onRetry={onRetry} />}
      {state.status === 'ready' && <MeetingDetails meeting={state.value} />}
      <div className="dash-dialog__actions">
        <Button className="button dash-button--secondary" onPress={onClose}>
          {t('dash.close')}
        </Button>
        {state.status === 'ready' && (
          <Button className="button" onPress={() => navigate(`/room/${state.value.event.room_id}`)}>
            {t('dash.meetNow.joinNow')}
          </Button>
        )}
      </div>
    </Dialog>
  );
}

function MeetingDetails({ meeting }: { readonly meeting: Meeting }) {
  const { t } = useI18n();
  const { event, guestLink, dialIn } = meeting;
  const password = 'password' in event.room ? event.room.password : null;
  return (
    <div className="dash-meet-now">
      <p>{t('dash.meetNow.intro')}</p>
      <CopyField label={t('dash.meetNow.meetingLink')} copyLabel={t('dash.meetNow.copyMeetingLink')} value={roomUrl(event.room_id)} />
      {guestLink === null && <p>{t('dash.meetNow.guestsDisabled')}</p>}
      {guestLink?.status === 'loading' && <p className="dash-muted">{t('dash.loading')}</p>}
      {guestLink?.status === 'ready' && (
        <CopyField label={t('dash.meetNow.guestLink')} copyLabel={t('dash.item.copyGuestLink')} value={guestLink.value} />
      )}
      {guestLink?.status === 'error' && <ErrorAlert title={t('dash.meetNow.guestLinkError')} error={guestLink.error} />}
      {password !== null && (
        <CopyField label={t('dash.meetNow.password')} copyLabel={t('dash.meetNow.copyPassword')} value={password} />
      )}
      <section className="dash-meet-now__dial-in" aria-labelledby="meet-now-dial-in">
        <h3 id="meet-now-dial-in">{t('dash.meetNow.dialIn')}</h3>
        {dialIn.status === 'loading' && <p className="dash-muted">{t('dash.loading')}</p>}
        {dialIn.status === 'error' && <ErrorAlert title={t('dash.meetNow.dialInError')} error={dialIn.error} />}
        {dialIn.status === 'ready' && (
          <>
            <CopyField label={t('dash.meetNow.dialInId')} copyLabel={t('dash.meetNow.copyDialInId')} value={dialIn.value.numeric_id} />
            <CopyField label={t('dash.meetNow.dialInPin')} copyLabel={t('dash.meetNow.copyPin')} value={dialIn.value.pin} />
          </>
        )}
      </section>
    </div>
  );
}
