import type { Dictionary } from './dictionary';

export const lobbyEn = {} as const;

export const lobbyDe: Dictionary<typeof lobbyEn> = {};
