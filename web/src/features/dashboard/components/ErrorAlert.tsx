import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { errorText } from '../lib/errorText';

interface Props {
  /** What failed, e.g. "Your meetings could not be loaded." */
  readonly title: string;
  readonly error: unknown;
  readonly onRetry?: () => void;
}

/** An announced error with the reason, the server's message if any, and an optional retry. */
export function ErrorAlert({ title, error, onRetry }: Props) {
  const { t } = useI18n();
  const { reason, details } = errorText(error, t);
  return (
    <div className="error-panel" role="alert">
      <p className="error-panel__title">{title}</p>
      <p>{reason}</p>
      {details !== null && <p className="error-panel__details">{details}</p>}
      {onRetry !== undefined && (
        <Button className="button dash-button--secondary" onPress={onRetry}>
          {t('dash.retry')}
        </Button>
      )}
    </div>
  );
}
