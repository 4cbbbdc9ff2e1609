import type { LucideIcon } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import '../procedures.css';

/**
 * A meeting procedure's card over the stage (poll, legal vote, speaker list): a head with the
 * kind and "Hide" (while it runs; then a button brings it back) or "Close" (after it ended, for
 * this item), the title as the region's name, and the body. `itemId` identifies the poll/vote/
 * round: hiding or closing one does not hide the next.
 */
export function ProcedureCard({
  itemId,
  running,
  variant,
  icon: Icon,
  kind,
  title,
  labels,
  testId,
  data,
  children,
}: {
  readonly itemId: string;
  readonly running: boolean;
  /** Placement and width: procedures.css `procedure-card--<variant>`. */
  readonly variant: 'poll' | 'legal-vote' | 'speakers';
  readonly icon: LucideIcon;
  readonly kind: ReactNode;
  readonly title: ReactNode;
  readonly labels: { readonly hide: string; readonly show: string; readonly close: string };
  readonly testId: string;
  readonly data?: Readonly<Record<`data-${string}`, string>>;
  readonly children: ReactNode;
}) {
  const [hiddenId, setHiddenId] = useState<string | null>(null);
  const [closedId, setClosedId] = useState<string | null>(null);
  const headingId = useId();
  if (closedId === itemId) return null;
  if (hiddenId === itemId) {
    return (
      <Button className={`button button--small procedure-card__reopen procedure-card__reopen--${variant}`} onPress={() => setHiddenId(null)}>
        <Icon aria-hidden="true" size={16} />
        {labels.show}
      </Button>
    );
  }
  return (
    <section className={`procedure-card procedure-card--${variant}`} aria-labelledby={headingId} data-testid={testId} {...data}>
      <div className="procedure-card__head">
        <p className="procedure-card__kind">
          <Icon aria-hidden="true" size={16} />
          {kind}
        </p>
        <Button
          className="button button--small button--secondary"
          onPress={() => (running ? setHiddenId(itemId) : setClosedId(itemId))}
        >
          {running ? labels.hide : labels.close}
        </Button>
      </div>
      <h2 id={headingId} className="procedure-card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
