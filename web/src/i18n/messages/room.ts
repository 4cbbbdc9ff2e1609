import type { Dictionary } from './dictionary';

export const roomEn = {} as const;

export const roomDe: Dictionary<typeof roomEn> = {};
