/**
 * English messages: the reference dictionary. Every key defined here must
 * exist in every other language (enforced by the `Messages` type).
 * Placeholders are written as {name} and are type-checked by `t()`.
 */
export const en = {
  'app.name': 'Plenum',
  'app.tagline': 'Self-hosted video conferencing – your meetings, your server.',
  'app.skipToContent': 'Skip to main content',
  'settings.label': 'Display settings',
  'language.label': 'Language',
  'theme.label': 'Theme',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'theme.highContrast': 'High contrast',
  'server.heading': 'Server',
  'server.loading': 'Connecting to server…',
  'server.version': 'Server version {version}',
  'server.error.title': 'Could not load the server status.',
  'server.error.network': 'The server is not reachable. Please check your network connection and try again.',
  'server.error.server': 'The server answered with an error (HTTP {status}).',
  'server.error.invalid': 'The server sent an unexpected answer.',
  'server.error.details': 'Details: {message} ({code})',
  'server.retry': 'Try again',
} as const;

export type MessageKey = keyof typeof en;

/** A complete dictionary: a missing or unknown key is a compile error. */
export type Messages = { readonly [K in MessageKey]: string };
