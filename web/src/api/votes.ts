import { apiDownload } from './client';
import type { paths } from './schema';

export const VOTE_PROTOCOL_PATH = '/api/v1/votes/{id}/protocol' satisfies keyof paths;
export const VOTE_REPORT_PATH = '/api/v1/votes/{id}/report/{lang}' satisfies keyof paths;

export type ReportLanguage = 'de' | 'en';

/** Saves a blob as a file through a temporary link (the browser's download). */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The PDF report of a finished vote (voters and moderators only; others get 404). */
export async function downloadVoteReport(voteId: string, lang: ReportLanguage): Promise<void> {
  const path = VOTE_REPORT_PATH.replace('{id}', encodeURIComponent(voteId)).replace('{lang}', lang);
  save(await apiDownload(path), `vote-${voteId}-${lang}.pdf`);
}

/** The signed protocol (JSON) for `plenum vote verify`. */
export async function downloadVoteProtocol(voteId: string): Promise<void> {
  save(await apiDownload(VOTE_PROTOCOL_PATH.replace('{id}', encodeURIComponent(voteId))), `vote-${voteId}.json`);
}
