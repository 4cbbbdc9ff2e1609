import { getJson } from './client';

export const VERSION_PATH = '/api/v1/version';

/** Body of GET /api/v1/version, e.g. {"name":"Plenum","version":"0.1.0"}. */
export interface ServerVersion {
  readonly name: string;
  readonly version: string;
}

export function parseServerVersion(body: unknown): ServerVersion | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if (!('name' in body) || !('version' in body)) return undefined;
  const { name, version } = body;
  if (typeof name !== 'string' || typeof version !== 'string' || version === '') return undefined;
  return { name, version };
}

export function fetchServerVersion(signal?: AbortSignal): Promise<ServerVersion> {
  return getJson(VERSION_PATH, parseServerVersion, { signal });
}
