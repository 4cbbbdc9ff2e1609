import type { Dictionary } from './dictionary';

export const authEn = {} as const;

export const authDe: Dictionary<typeof authEn> = {};
