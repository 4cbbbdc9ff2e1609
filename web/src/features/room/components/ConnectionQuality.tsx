import { Gauge } from 'lucide-react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { useI18n, type Language } from '../../../i18n';
import { selectDownlinkEstimate, selectPausedVideoCount, useMeeting } from '../../../meeting';

/** A downlink rate as people read it: "300 kbit/s", "1.2 Mbit/s" ("1,2 Mbit/s" in German), never broken. */
export function formatRate(kbps: number, language: Language): string {
  if (kbps < 1000) return `${new Intl.NumberFormat(language).format(Math.round(kbps))}\u00a0kbit/s`;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(kbps / 1000)}\u00a0Mbit/s`;
}

/**
 * "Slow connection" in the header while the server pauses videos for this device's downlink
 * (receive_quality), with details (how many, the estimate) in a popover; nothing otherwise. A
 * status region announces when it appears.
 */
export function ConnectionQuality() {
  const { t, language } = useI18n();
  const paused = useMeeting(selectPausedVideoCount);
  const estimate = useMeeting(selectDownlinkEstimate);
  const label = t('room.quality.slow');
  return (
    <>
      <span role="status" className="visually-hidden">
        {paused > 0 ? label : ''}
      </span>
      {paused > 0 && (
        <DialogTrigger>
          <Button className="quality__button" aria-label={label} data-paused={paused}>
            <Gauge aria-hidden="true" size={18} />
            <span aria-hidden="true">{label}</span>
          </Button>
          <Popover className="react-aria-Popover popover--text" placement="bottom start">
            <Dialog className="dialog dialog--popover" aria-label={label}>
              <p>{paused === 1 ? t('room.quality.pausedOne') : t('room.quality.pausedMany', { count: paused })}</p>
              {estimate !== null && <p>{t('room.quality.estimate', { rate: formatRate(estimate, language) })}</p>}
              <p>{t('room.quality.hint')}</p>
            </Dialog>
          </Popover>
        </DialogTrigger>
      )}
    </>
  );
}
