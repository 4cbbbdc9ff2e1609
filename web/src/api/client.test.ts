import { describe, expect, it } from 'vitest';
import { jsonResponse, mockFetch } from '../test/fetchMock';
import { ApiError, getJson, HTTP_ERROR, INVALID_RESPONSE, isServerErrorCode, NETWORK_ERROR } from './client';
import { fetchServerVersion, parseServerVersion } from './version';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  it('returns the parsed server version', async () => {
    mockFetch(async () => jsonResponse(200, { name: 'Plenum', version: '0.1.0' }));
    await expect(fetchServerVersion()).resolves.toEqual({ name: 'Plenum', version: '0.1.0' });
  });

  it('turns error JSON into an ApiError with status, code and message', async () => {
    mockFetch(async () => jsonResponse(404, { code: 'not_found', message: 'No such route' }));
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No such route' });
  });

  it('carries the field of an invalid_argument error', async () => {
    mockFetch(async () => jsonResponse(422, { code: 'invalid_argument', message: 'expected 1 to 50', field: 'limit' }));
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 422, code: 'invalid_argument', field: 'limit' });
  });

  it('reports error bodies with a code missing from the spec as http_error', async () => {
    mockFetch(async () => jsonResponse(418, { code: 'teapot', message: 'I am a teapot' }));
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 418, code: HTTP_ERROR });
  });

  it('knows exactly the error codes of the spec', () => {
    expect(isServerErrorCode('second_factor_required')).toBe(true);
    expect(isServerErrorCode('network_error')).toBe(false);
    expect(isServerErrorCode('toString')).toBe(false);
  });

  it('reports non-JSON error bodies as http_error', async () => {
    mockFetch(async () => new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 502, code: HTTP_ERROR });
  });

  it('reports network failures as network_error with status 0', async () => {
    mockFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('reports bodies of the wrong shape as invalid_response', async () => {
    mockFetch(async () => jsonResponse(200, { name: 'Plenum' }));
    const error = await caught(fetchServerVersion());
    expect(error).toMatchObject({ status: 200, code: INVALID_RESPONSE });
  });

  it('re-throws aborts unchanged', async () => {
    mockFetch(async () => {
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(getJson('/api/v1/version', parseServerVersion)).rejects.toHaveProperty('name', 'AbortError');
  });
});
