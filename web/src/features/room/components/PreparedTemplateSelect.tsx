import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n';
import { actions, selectPollTemplates, selectVoteTemplates, useMeeting } from '../../../meeting';
import type { LegalVoteTemplate, PollTemplate } from '../../../protocol/types';
import { PanelSelect } from './PanelFields';

const NONE = '';

/** The dialog option closest to `seconds` (`'none'` when there is no duration). */
export function nearestDuration<T extends string>(seconds: number | undefined, options: readonly ['none', ...T[]]): T | 'none' {
  if (seconds === undefined) return 'none';
  let best: T | 'none' = 'none';
  for (const o of options) {
    if (o === 'none') continue;
    if (best === 'none' || Math.abs(Number(o) - seconds) < Math.abs(Number(best) - seconds)) best = o;
  }
  return best;
}

function PreparedSelect<T extends { readonly id: string }>({
  label,
  templates,
  nameOf,
  onPick,
}: {
  readonly label: string;
  readonly templates: readonly T[] | null;
  readonly nameOf: (template: T) => string;
  readonly onPick: (template: T) => void;
}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState(NONE);
  if (templates === null || templates.length === 0) return null;
  return (
    <PanelSelect
      label={label}
      options={[{ id: NONE, label: t('templates.use.none') }, ...templates.map((x) => ({ id: x.id, label: nameOf(x) }))]}
      selected={selected}
      onSelect={(id) => {
        setSelected(id);
        const picked = templates.find((x) => x.id === id);
        if (picked) onPick(picked);
      }}
    />
  );
}

/** "Use a prepared poll": the polls prepared on the meeting's event, loaded over signaling. */
export function PreparedPollSelect({ onPick }: { readonly onPick: (template: PollTemplate) => void }) {
  const { t } = useI18n();
  const templates = useMeeting(selectPollTemplates);
  useEffect(() => {
    void actions.loadPollTemplates().catch(() => undefined);
  }, []);
  return <PreparedSelect label={t('templates.use.poll')} templates={templates} nameOf={(p) => p.title} onPick={onPick} />;
}

/** "Use a prepared vote": the votes prepared on the meeting's event, loaded over signaling. */
export function PreparedVoteSelect({ onPick }: { readonly onPick: (template: LegalVoteTemplate) => void }) {
  const { t } = useI18n();
  const templates = useMeeting(selectVoteTemplates);
  useEffect(() => {
    void actions.loadLegalVoteTemplates().catch(() => undefined);
  }, []);
  return <PreparedSelect label={t('templates.use.vote')} templates={templates} nameOf={(v) => v.name} onPick={onPick} />;
}
