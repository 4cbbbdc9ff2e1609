import { Lock, ShieldCheck, ShieldExclamationPoint, UsersRound } from 'lucide-react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { useMeeting } from '../../../meeting';

/** Signaling runs over the page's origin (wss on https); media always uses DTLS-SRTP. */
export function transportEncrypted(protocol: string = window.location.protocol): boolean {
  return protocol === 'https:';
}

/** Encryption state with details, plus warnings when guests are present or the room is locked. */
export function SecurityIndicator() {
  const { t } = useI18n();
  const guests = useMeeting((s) => Object.values(s.participants).filter((p) => p.kind === 'guest').length);
  const locked = useMeeting((s) => s.moderation.locked);
  const encrypted = transportEncrypted();
  const label = encrypted ? t('room.security.encrypted') : t('room.security.unencrypted');
  return (
    <div className="security">
      <DialogTrigger>
        <Button className={`security__button${encrypted ? '' : ' security__button--warn'}`} aria-label={label}>
          {encrypted ? <ShieldCheck aria-hidden="true" size={18} /> : <ShieldExclamationPoint aria-hidden="true" size={18} />}
          <span className="security__text" aria-hidden="true">
            {label}
          </span>
        </Button>
        <Popover className="react-aria-Popover popover--text" placement="bottom start">
          <Dialog className="dialog dialog--popover" aria-label={label}>
            <p>{encrypted ? t('room.security.details') : t('room.security.unencryptedDetails')}</p>
            {guests > 0 && <p>{t('room.security.guestsDetails', { count: guests })}</p>}
          </Dialog>
        </Popover>
      </DialogTrigger>
      {guests > 0 && (
        <span className="security__badge security__badge--warn">
          <UsersRound aria-hidden="true" size={16} />
          {t('room.security.guests')}
        </span>
      )}
      {locked && (
        <span className="security__badge">
          <Lock aria-hidden="true" size={16} />
          {t('room.security.locked')}
        </span>
      )}
    </div>
  );
}
