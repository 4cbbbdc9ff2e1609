import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useI18n } from '../../../i18n';
import { copyText } from '../lib/clipboard';

interface Props {
  /** The text to copy, or a function that finds it (e.g. creates a guest link first). */
  readonly text: string | (() => Promise<string>);
  /** The accessible name, e.g. "Copy guest link"; the visible text is "Copy" unless `showLabel`. */
  readonly label: string;
  readonly showLabel?: boolean;
  /** Called when the text could not be had or copied (the caller shows it instead). */
  readonly onFailure?: (reason: 'clipboard' | unknown, text: string | null) => void;
}

type State = 'idle' | 'busy' | 'copied' | 'failed';

const RESET_MS = 2500;

/** Copies to the clipboard and says so in a polite live region ("Copied" / how to copy by hand). */
export function CopyButton({ text, label, showLabel = false, onFailure }: Props) {
  const { t } = useI18n();
  const [state, setState] = useState<State>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    setState('busy');
    let value: string | null = null;
    try {
      value = typeof text === 'string' ? text : await text();
    } catch (error) {
      setState('idle');
      onFailure?.(error, null);
      return;
    }
    const ok = await copyText(value);
    setState(ok ? 'copied' : 'failed');
    if (!ok) onFailure?.('clipboard', value);
    window.clearTimeout(timer.current);
    if (ok) timer.current = window.setTimeout(() => setState('idle'), RESET_MS);
  };

  return (
    <span className="dash-copy">
      <Button
        className="button dash-button--secondary dash-button--small"
        aria-label={showLabel ? undefined : label}
        isDisabled={state === 'busy'}
        onPress={() => void copy()}
      >
        {state === 'copied' ? <Check aria-hidden="true" size={16} /> : <Copy aria-hidden="true" size={16} />}
        {showLabel ? label : t('dash.copy.button')}
      </Button>
      <span role="status" className="dash-copy__status">
        {state === 'copied' ? t('dash.copy.copied') : state === 'failed' && onFailure === undefined ? t('dash.copy.failed') : ''}
      </span>
    </span>
  );
}
