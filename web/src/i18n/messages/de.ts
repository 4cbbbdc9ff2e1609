import type { Messages } from './en';

export const de: Messages = {
  'app.name': 'Plenum',
  'app.tagline': 'Selbst gehostete Videokonferenzen – Ihre Besprechungen, Ihr Server.',
  'app.skipToContent': 'Zum Hauptinhalt springen',
  'settings.label': 'Anzeigeeinstellungen',
  'language.label': 'Sprache',
  'theme.label': 'Farbschema',
  'theme.light': 'Hell',
  'theme.dark': 'Dunkel',
  'theme.highContrast': 'Hoher Kontrast',
  'server.heading': 'Server',
  'server.loading': 'Verbindung zum Server wird hergestellt…',
  'server.version': 'Serverversion {version}',
  'server.error.title': 'Der Serverstatus konnte nicht geladen werden.',
  'server.error.network': 'Der Server antwortet nicht. Bitte prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.',
  'server.error.server': 'Der Server hat mit einem Fehler geantwortet (HTTP {status}).',
  'server.error.invalid': 'Der Server hat eine unerwartete Antwort gesendet.',
  'server.error.details': 'Details: {message} ({code})',
  'server.retry': 'Erneut versuchen',
};
