import { de } from './messages/de';
import { en, type MessageKey, type Messages } from './messages/en';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: { readonly [L in Language]: string } = {
  en: 'English',
  de: 'Deutsch',
};

const dictionaries: { readonly [L in Language]: Messages } = { en, de };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The placeholder values a message needs, e.g. { version: string } for 'server.version'. */
export type MessageParams<K extends MessageKey> = {
  readonly [P in Placeholders<(typeof en)[K]>]: string | number;
};

/** `t(key)` for messages without placeholders, `t(key, { name })` otherwise. */
export type TranslateArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** Keys whose message has no placeholders (usable as plain labels). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function createTranslate(language: Language): Translate {
  const messages = dictionaries[language];
  return (key, ...args) => {
    const template = messages[key];
    const params: Readonly<Record<string, string | number>> | undefined = args[0];
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      return value === undefined ? match : String(value);
    });
  };
}
