/**
 * Small typed fetch wrapper for the Plenum HTTP API.
 *
 * Success: the JSON body, checked by a caller-supplied parser.
 * Failure: always an ApiError. The server's error JSON
 * `{"code": "...", "message": "...", "field"?: "..."}` (the `Error` schema of
 * src/api/openapi.json) is carried over; failures without such a body get one
 * of the client-side codes below. Aborts (AbortSignal) are re-thrown unchanged
 * so callers can ignore them.
 */
import type { components } from './schema';

/** The server's error body: `components.schemas.Error` of the OpenAPI spec. */
export type ApiErrorBody = components['schemas']['Error'];

/** A stable error code of the server: `components.schemas.ErrorCode` of the OpenAPI spec. */
export type ServerErrorCode = components['schemas']['ErrorCode'];

/** Client-side error codes, for failures that carry no server error body. */
export const NETWORK_ERROR = 'network_error';
export const HTTP_ERROR = 'http_error';
export const INVALID_RESPONSE = 'invalid_response';
export type ClientErrorCode = typeof NETWORK_ERROR | typeof HTTP_ERROR | typeof INVALID_RESPONSE;

export type ApiErrorCode = ServerErrorCode | ClientErrorCode;

// Every code of the spec's ErrorCode enum, for checking bodies at run time. The Record type
// makes a code added to (or removed from) the spec a compile error here until this list follows.
const SERVER_ERROR_CODES: Readonly<Record<ServerErrorCode, true>> = {
  bad_request: true,
  invalid_argument: true,
  unauthenticated: true,
  permission_denied: true,
  not_found: true,
  method_not_allowed: true,
  conflict: true,
  payload_too_large: true,
  request_timeout: true,
  too_many_requests: true,
  too_many_connections: true,
  unavailable: true,
  internal: true,
  second_factor_required: true,
  password_required: true,
  wrong_password: true,
};

export function isServerErrorCode(code: unknown): code is ServerErrorCode {
  return typeof code === 'string' && Object.hasOwn(SERVER_ERROR_CODES, code);
}

export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status; 0 when no response arrived at all. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The request field or query parameter at fault (422 `invalid_argument`), if the server named one. */
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** True for an error body of the spec's shape, with a code this client knows. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    isServerErrorCode(value.code) &&
    typeof value.message === 'string' &&
    (!('field' in value) || typeof value.field === 'string')
  );
}

/** Returns the typed body, or undefined if it does not have the expected shape. */
export type BodyParser<T> = (body: unknown) => T | undefined;

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await response.json() };
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { ok: false };
  }
}

/** Where requests get their bearer token, and what happens when the server no longer accepts it. */
export interface AuthHooks {
  readonly token: () => string | null;
  readonly onUnauthenticated: () => void;
}

let authHooks: AuthHooks = { token: () => null, onUnauthenticated: () => undefined };

/** Called once by the session store: every apiRequest then carries its token. */
export function configureAuth(hooks: AuthHooks): void {
  authHooks = hooks;
}

/** Accepts any JSON object as T: for bodies whose shape the OpenAPI contract guarantees. */
export function objectBody<T extends object>(body: unknown): T | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as T) : undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRequestOptions<T> extends RequestOptions {
  /** JSON request body. */
  readonly body?: unknown;
  /** Checks the success body; omit for endpoints that answer 204 (the result is then undefined). */
  readonly parse?: BodyParser<T>;
  /** Send the session's bearer token (default true). */
  readonly auth?: boolean;
  /** Send this bearer token instead of the session's (e.g. one just obtained). */
  readonly token?: string;
}

async function send(method: HttpMethod, path: string, init: RequestInit, signal?: AbortSignal) {
  try {
    return await fetch(path, { ...init, method, credentials: 'same-origin', signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
}

async function readResult<T>(response: Response, path: string, parse: BodyParser<T> | undefined): Promise<T> {
  if (response.ok && parse === undefined) return undefined as T;
  const body = await readJson(response);
  if (!response.ok) {
    if (body.ok && isApiErrorBody(body.value)) {
      throw new ApiError(response.status, body.value.code, body.value.message, body.value.field);
    }
    throw new ApiError(response.status, HTTP_ERROR, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  const value = body.ok && parse ? parse(body.value) : undefined;
  if (value === undefined) {
    throw new ApiError(response.status, INVALID_RESPONSE, `Unexpected response from ${path}`);
  }
  return value;
}

/**
 * One REST call. Errors are ApiError (aborts re-thrown). A 401 on an authenticated call tells
 * the session (configureAuth) that its token is no longer valid.
 */
export async function apiRequest<T = undefined>(
  method: HttpMethod,
  path: string,
  options: ApiRequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.auth === false ? null : (options.token ?? authHooks.token());
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await send(method, path, init, options.signal);
  try {
    return await readResult(response, path, options.parse);
  } catch (error) {
    if (token !== null && error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated') {
      authHooks.onUnauthenticated();
    }
    throw error;
  }
}

/** GET a file (a PDF, a download) with the session's bearer token; errors as apiRequest. */
export async function apiDownload(path: string, options: RequestOptions = {}): Promise<Blob> {
  const headers: Record<string, string> = {};
  const token = authHooks.token();
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await send('GET', path, { headers }, options.signal);
  if (!response.ok) await readResult(response, path, () => undefined);
  return response.blob();
}

export async function getJson<T>(path: string, parse: BodyParser<T>, options: RequestOptions = {}): Promise<T> {
  const response = await send('GET', path, { headers: { Accept: 'application/json' } }, options.signal);
  return readResult(response, path, parse);
}
