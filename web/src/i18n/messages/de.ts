import { authDe } from './auth';
import { commonDe } from './common';
import { dashboardDe } from './dashboard';
import type { Messages } from './en';
import { legalVoteDe } from './legalVote';
import { lobbyDe } from './lobby';
import { meetingDe } from './meeting';
import { proceduresDe } from './procedures';
import { roomDe } from './room';
import { templatesDe } from './templates';
import { speakersDe } from './speakers';

export const de: Messages = {
  ...commonDe,
  ...authDe,
  ...dashboardDe,
  ...lobbyDe,
  ...roomDe,
  ...meetingDe,
  ...legalVoteDe,
  ...proceduresDe,
  ...templatesDe,
  ...speakersDe,
};
