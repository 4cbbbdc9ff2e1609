import type { Dictionary } from './dictionary';

export const dashboardEn = {} as const;

export const dashboardDe: Dictionary<typeof dashboardEn> = {};
