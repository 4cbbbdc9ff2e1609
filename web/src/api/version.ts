import { getJson } from './client';
import type { components, paths } from './schema';

export const VERSION_PATH = '/api/v1/version' satisfies keyof paths;

/** Body of GET /api/v1/version (`components.schemas.Version`), e.g. {"name":"Plenum","version":"0.1.0"}. */
export type ServerVersion = components['schemas']['Version'];

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
