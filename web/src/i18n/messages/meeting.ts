import type { Dictionary } from './dictionary';

export const meetingEn = {} as const;

export const meetingDe: Dictionary<typeof meetingEn> = {};
