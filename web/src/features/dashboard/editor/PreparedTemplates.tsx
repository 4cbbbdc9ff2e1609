import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { ApiError } from '../../../api/client';
import {
  deleteTemplate,
  listPollTemplates,
  listVoteTemplates,
  savePollTemplate,
  saveVoteTemplate,
  TEMPLATES_PER_EVENT,
  type PollTemplate,
  type VoteTemplate,
} from '../../../api/templates';
import { useI18n } from '../../../i18n';
import { LEGAL_VOTE_DURATIONS, LEGAL_VOTE_NAME_MAX, LEGAL_VOTE_SUBTITLE_MAX, LEGAL_VOTE_TOPIC_MAX, validName } from '../../room/logic/legalVote';
import { durationText } from '../../room/logic/durations';
import { POLL_CHOICE_MAX, POLL_CHOICES_MAX, POLL_TOPIC_MAX, pollChoices } from '../../room/logic/polls';
import { CheckboxInput, SelectInput, TextInput } from '../components/fields';

const POLL_DURATIONS = ['none', '30', '60', '120', '300', '600', '1800', '3600'] as const;
const seconds = (id: string): number | null => (id === 'none' ? null : Number(id));
const durationId = (s: number | null | undefined): string => (s === null || s === undefined ? 'none' : String(s));

type Editing = { readonly kind: 'poll'; readonly item: PollTemplate | null } | { readonly kind: 'vote'; readonly item: VoteTemplate | null };

/** The meeting editor's "Prepared polls and votes": list, add, edit and delete over REST. */
export function PreparedTemplates({ eventId }: { readonly eventId: string | null }) {
  const { t } = useI18n();
  const [polls, setPolls] = useState<PollTemplate[]>([]);
  const [votes, setVotes] = useState<VoteTemplate[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(async () => {
    if (eventId === null) return;
    try {
      const [p, v] = await Promise.all([listPollTemplates(eventId), listVoteTemplates(eventId)]);
      setPolls(p);
      setVotes(v);
    } catch {
      setProblem(t('templates.loadFailed'));
    }
  }, [eventId, t]);
  useEffect(() => void reload(), [reload]);

  const run = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      setEditing(null);
      await reload();
    } catch (error) {
      setProblem(t('templates.saveFailed', { message: error instanceof ApiError ? error.message : String(error) }));
    }
  };

  return (
    <section className="dash-form-section" aria-labelledby="prepared-title">
      <h2 id="prepared-title">{t('templates.section')}</h2>
      {eventId === null ? (
        <p>{t('templates.section.afterCreate')}</p>
      ) : (
        <>
          <p>{t('templates.section.hint')} {t('templates.limit', { max: TEMPLATES_PER_EVENT })}</p>
          {problem !== null && (
            <p role="alert" className="dash-field-error">
              {problem}
            </p>
          )}
          <TemplateList
            title={t('templates.polls')}
            empty={t('templates.polls.empty')}
            items={polls.map((p) => ({ id: p.id, name: p.title }))}
            onEdit={(id) => setEditing({ kind: 'poll', item: polls.find((p) => p.id === id) ?? null })}
            onDelete={(id) => void run(() => deleteTemplate(eventId, 'poll_templates', id))}
          />
          {editing?.kind === 'poll' ? (
            <PollTemplateForm
              item={editing.item}
              onCancel={() => setEditing(null)}
              onSave={(input) => void run(() => savePollTemplate(eventId, editing.item?.id ?? null, input))}
            />
          ) : (
            polls.length < TEMPLATES_PER_EVENT && (
              <Button className="button dash-button--secondary" onPress={() => setEditing({ kind: 'poll', item: null })}>
                {t('templates.add.poll')}
              </Button>
            )
          )}
          <TemplateList
            title={t('templates.votes')}
            empty={t('templates.votes.empty')}
            items={votes.map((v) => ({ id: v.id, name: v.name }))}
            onEdit={(id) => setEditing({ kind: 'vote', item: votes.find((v) => v.id === id) ?? null })}
            onDelete={(id) => void run(() => deleteTemplate(eventId, 'vote_templates', id))}
          />
          {editing?.kind === 'vote' ? (
            <VoteTemplateForm
              item={editing.item}
              onCancel={() => setEditing(null)}
              onSave={(input) => void run(() => saveVoteTemplate(eventId, editing.item?.id ?? null, input))}
            />
          ) : (
            votes.length < TEMPLATES_PER_EVENT && (
              <Button className="button dash-button--secondary" onPress={() => setEditing({ kind: 'vote', item: null })}>
                {t('templates.add.vote')}
              </Button>
            )
          )}
        </>
      )}
    </section>
  );
}

function TemplateList({
  title,
  empty,
  items,
  onEdit,
  onDelete,
}: {
  readonly title: string;
  readonly empty: string;
  readonly items: readonly { readonly id: string; readonly name: string }[];
  readonly onEdit: (id: string) => void;
  readonly onDelete: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="dash-template-list">
          {items.map((item) => (
            <li key={item.id}>
              <span>{item.name}</span>
              <span className="dash-template-actions">
                <Button className="button button--small dash-button--secondary" onPress={() => onEdit(item.id)}>
                  {t('templates.edit', { name: item.name })}
                </Button>
                <Button className="button button--small dash-button--secondary" onPress={() => onDelete(item.id)}>
                  {t('templates.delete', { name: item.name })}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Actions({ onCancel }: { readonly onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="dash-form-actions">
      <Button className="button" type="submit">
        {t('templates.save')}
      </Button>
      <Button className="button dash-button--secondary" onPress={onCancel}>
        {t('templates.cancel')}
      </Button>
    </div>
  );
}

/** The fields and checks of the start-poll dialog, plus the name in the list. */
function PollTemplateForm({
  item,
  onSave,
  onCancel,
}: {
  readonly item: PollTemplate | null;
  readonly onSave: (input: { title: string; topic: string; choices: string[]; multiple: boolean; live: boolean; duration_seconds: number | null }) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState(item?.title ?? '');
  const [topic, setTopic] = useState(item?.topic ?? '');
  const [choices, setChoices] = useState<string[]>(item ? [...item.choices] : ['', '']);
  const [multiple, setMultiple] = useState(item?.multiple ?? false);
  const [live, setLive] = useState(item?.live ?? true);
  const [duration, setDuration] = useState(durationId(item?.duration_seconds));
  const [tried, setTried] = useState(false);
  const valid = pollChoices(topic, choices);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid === null || title.trim() === '') return;
    onSave({ title: title.trim(), topic: topic.trim(), choices: valid, multiple, live, duration_seconds: seconds(duration) });
  };
  return (
    <Form className="dash-form-grid" onSubmit={submit} aria-label={t('templates.add.poll')}>
      <TextInput label={t('templates.poll.title')} value={title} onChange={setTitle} isRequired />
      <TextInput label={t('polls.dialog.topic')} value={topic} onChange={(v) => setTopic(v.slice(0, POLL_TOPIC_MAX))} isRequired />
      {choices.map((choice, i) => (
        <TextInput
          key={i}
          label={t('polls.dialog.choice', { n: i + 1 })}
          value={choice}
          onChange={(v) => setChoices(choices.map((c, j) => (j === i ? v.slice(0, POLL_CHOICE_MAX) : c)))}
        />
      ))}
      {choices.length < POLL_CHOICES_MAX && (
        <Button className="button button--small dash-button--secondary" onPress={() => setChoices([...choices, ''])}>
          {t('polls.dialog.addChoice')}
        </Button>
      )}
      <CheckboxInput isSelected={multiple} onChange={setMultiple}>
        {t('polls.dialog.multiple')}
      </CheckboxInput>
      <CheckboxInput isSelected={live} onChange={setLive}>
        {t('polls.dialog.live')}
      </CheckboxInput>
      <SelectInput
        label={t('polls.dialog.duration')}
        value={duration}
        options={POLL_DURATIONS.map((value) => ({ value, label: value === 'none' ? t('polls.dialog.duration.none') : durationText(t, Number(value)) }))}
        onChange={setDuration}
      />
      {tried && (valid === null || title.trim() === '') && (
        <p role="alert" className="dash-field-error">
          {t('templates.poll.invalid')}
        </p>
      )}
      <Actions onCancel={onCancel} />
    </Form>
  );
}

/** The fields and checks of the start-vote dialog. */
function VoteTemplateForm({
  item,
  onSave,
  onCancel,
}: {
  readonly item: VoteTemplate | null;
  readonly onSave: (input: {
    name: string;
    subtitle: string | null;
    topic: string | null;
    kind: 'roll_call' | 'secret';
    allow_abstain: boolean;
    live_results: boolean;
    auto_close: boolean;
    duration_seconds: number | null;
  }) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(item?.name ?? '');
  const [subtitle, setSubtitle] = useState(item?.subtitle ?? '');
  const [topic, setTopic] = useState(item?.topic ?? '');
  const [kind, setKind] = useState<'roll_call' | 'secret'>(item?.kind ?? 'roll_call');
  const [allowAbstain, setAllowAbstain] = useState(item?.allow_abstain ?? true);
  const [liveResults, setLiveResults] = useState(item?.live_results ?? false);
  const [autoClose, setAutoClose] = useState(item?.auto_close ?? true);
  const [duration, setDuration] = useState(durationId(item?.duration_seconds));
  const [tried, setTried] = useState(false);
  const valid = validName(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid === null) return;
    onSave({
      name: valid,
      subtitle: subtitle.trim() === '' ? null : subtitle.trim(),
      topic: topic.trim() === '' ? null : topic,
      kind,
      allow_abstain: allowAbstain,
      live_results: kind === 'secret' ? false : liveResults,
      auto_close: autoClose,
      duration_seconds: seconds(duration),
    });
  };
  return (
    <Form className="dash-form-grid" onSubmit={submit} aria-label={t('templates.add.vote')}>
      <TextInput label={t('legalVote.dialog.name')} value={name} onChange={(v) => setName(v.slice(0, LEGAL_VOTE_NAME_MAX))} isRequired />
      <TextInput label={t('legalVote.dialog.subtitle')} value={subtitle} onChange={(v) => setSubtitle(v.slice(0, LEGAL_VOTE_SUBTITLE_MAX))} />
      <TextInput multiline label={t('legalVote.dialog.topic')} value={topic} onChange={(v) => setTopic(v.slice(0, LEGAL_VOTE_TOPIC_MAX))} />
      <SelectInput
        label={t('legalVote.dialog.kind')}
        value={kind}
        options={[
          { value: 'roll_call', label: t('legalVote.kind.roll_call') },
          { value: 'secret', label: t('legalVote.kind.secret') },
        ]}
        onChange={setKind}
      />
      <CheckboxInput isSelected={allowAbstain} onChange={setAllowAbstain}>
        {t('legalVote.dialog.allowAbstain')}
      </CheckboxInput>
      {kind === 'roll_call' && (
        <CheckboxInput isSelected={liveResults} onChange={setLiveResults}>
          {t('legalVote.dialog.liveResults')}
        </CheckboxInput>
      )}
      <CheckboxInput isSelected={autoClose} onChange={setAutoClose}>
        {t('legalVote.dialog.autoClose')}
      </CheckboxInput>
      <SelectInput
        label={t('legalVote.dialog.duration')}
        value={duration}
        options={LEGAL_VOTE_DURATIONS.map((value) => ({
          value,
          label: value === 'none' ? t('legalVote.dialog.duration.none') : durationText(t, Number(value)),
        }))}
        onChange={setDuration}
      />
      {tried && valid === null && (
        <p role="alert" className="dash-field-error">
          {t('templates.vote.invalid')}
        </p>
      )}
      <Actions onCancel={onCancel} />
    </Form>
  );
}
