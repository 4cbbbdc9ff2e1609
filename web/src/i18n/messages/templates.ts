/** Messages of prepared polls and votes: the meeting editor's section and the start dialogs' select. */
import type { Dictionary } from './dictionary';

export const templatesEn = {
  'templates.use.poll': 'Use a prepared poll',
  'templates.use.vote': 'Use a prepared vote',
  'templates.use.none': 'None: start from scratch',

  'templates.section': 'Prepared polls and votes',
  'templates.section.hint': 'Prepare them before the meeting; moderators start them in the meeting from the start dialogs.',
  'templates.section.afterCreate': 'Save the meeting first; then you can prepare polls and votes here.',
  'templates.polls': 'Polls',
  'templates.votes': 'Votes',
  'templates.polls.empty': 'No prepared polls.',
  'templates.votes.empty': 'No prepared votes.',
  'templates.limit': 'At most {max} of each.',
  'templates.add.poll': 'Add poll',
  'templates.add.vote': 'Add vote',
  'templates.edit': 'Edit {name}',
  'templates.delete': 'Delete {name}',
  'templates.save': 'Save',
  'templates.cancel': 'Cancel',
  'templates.poll.title': 'Name in the list',
  'templates.poll.invalid': 'Give a name, a question and at least two different answers.',
  'templates.vote.invalid': 'Give the vote a name.',
  'templates.loadFailed': 'The prepared polls and votes could not be loaded.',
  'templates.saveFailed': 'Could not save: {message}',
} as const;

export const templatesDe: Dictionary<typeof templatesEn> = {
  'templates.use.poll': 'Vorbereitete Umfrage verwenden',
  'templates.use.vote': 'Vorbereitete Abstimmung verwenden',
  'templates.use.none': 'Keine: neu beginnen',

  'templates.section': 'Vorbereitete Umfragen und Abstimmungen',
  'templates.section.hint':
    'Bereiten Sie sie vor der Besprechung vor; Moderatoren starten sie in der Besprechung aus den Start-Dialogen.',
  'templates.section.afterCreate':
    'Speichern Sie die Besprechung zuerst; danach können Sie hier Umfragen und Abstimmungen vorbereiten.',
  'templates.polls': 'Umfragen',
  'templates.votes': 'Abstimmungen',
  'templates.polls.empty': 'Keine vorbereiteten Umfragen.',
  'templates.votes.empty': 'Keine vorbereiteten Abstimmungen.',
  'templates.limit': 'Höchstens {max} von jeder Art.',
  'templates.add.poll': 'Umfrage hinzufügen',
  'templates.add.vote': 'Abstimmung hinzufügen',
  'templates.edit': '{name} bearbeiten',
  'templates.delete': '{name} löschen',
  'templates.save': 'Speichern',
  'templates.cancel': 'Abbrechen',
  'templates.poll.title': 'Name in der Liste',
  'templates.poll.invalid': 'Geben Sie einen Namen, eine Frage und mindestens zwei verschiedene Antworten an.',
  'templates.vote.invalid': 'Geben Sie der Abstimmung einen Namen.',
  'templates.loadFailed': 'Die vorbereiteten Umfragen und Abstimmungen konnten nicht geladen werden.',
  'templates.saveFailed': 'Speichern fehlgeschlagen: {message}',
};
