/**
 * Small typed fetch wrapper for the Plenum HTTP API.
 *
 * Success: the JSON body, checked by a caller-supplied parser.
 * Failure: always an ApiError. The server's error JSON
 * `{"code": "...", "message": "..."}` is carried over; failures without such
 * a body get one of the client-side codes below. Aborts (AbortSignal) are
 * re-thrown unchanged so callers can ignore them.
 */

/** Client-side error codes (the server defines its own codes in error JSON). */
export const NETWORK_ERROR = 'network_error';
export const HTTP_ERROR = 'http_error';
export const INVALID_RESPONSE = 'invalid_response';

export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status; 0 when no response arrived at all. */
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    typeof value.code === 'string' &&
    typeof value.message === 'string'
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

export async function getJson<T>(path: string, parse: BodyParser<T>, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }

  const body = await readJson(response);

  if (!response.ok) {
    if (body.ok && isApiErrorBody(body.value)) {
      throw new ApiError(response.status, body.value.code, body.value.message);
    }
    throw new ApiError(response.status, HTTP_ERROR, `HTTP ${response.status} ${response.statusText}`.trim());
  }

  const value = body.ok ? parse(body.value) : undefined;
  if (value === undefined) {
    throw new ApiError(response.status, INVALID_RESPONSE, `Unexpected response from ${path}`);
  }
  return value;
}
