/** A translation of an English area dictionary: the same keys, any strings. */
export type Dictionary<E> = { readonly [K in keyof E]: string };
