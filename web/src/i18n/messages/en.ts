/**
 * English messages: the reference dictionary, assembled from one file per area so that
 * areas can be edited independently. Every key defined here must exist in every other
 * language (enforced by the `Messages` type). Placeholders are written as {name} and are
 * type-checked by `t()`.
 */
import { authEn } from './auth';
import { commonEn } from './common';
import { dashboardEn } from './dashboard';
import { legalVoteEn } from './legalVote';
import { lobbyEn } from './lobby';
import { meetingEn } from './meeting';
import { proceduresEn } from './procedures';
import { roomEn } from './room';
import { templatesEn } from './templates';
import { speakersEn } from './speakers';

export const en = {
  ...commonEn,
  ...authEn,
  ...dashboardEn,
  ...lobbyEn,
  ...roomEn,
  ...meetingEn,
  ...legalVoteEn,
  ...proceduresEn,
  ...templatesEn,
  ...speakersEn,
} as const;

export type MessageKey = keyof typeof en;

/** A complete dictionary: a missing or unknown key is a compile error. */
export type Messages = { readonly [K in MessageKey]: string };
