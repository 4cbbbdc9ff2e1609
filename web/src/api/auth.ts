/** Sign-in, sign-out and the own profile (docs/api.md "Authentication"). */
import { apiRequest, objectBody, type RequestOptions } from './client';
import type { components } from './schema';

export type AuthConfig = components['schemas']['AuthConfig'];
export type LoginRequest = components['schemas']['LoginRequest'];
export type LoginResponse = components['schemas']['LoginResponse'];
export type OwnProfile = components['schemas']['OwnProfile'];
export type ProfileUpdate = components['schemas']['ProfileUpdate'];

export function fetchAuthConfig(options: RequestOptions = {}): Promise<AuthConfig> {
  return apiRequest('GET', '/api/v1/auth/config', { ...options, auth: false, parse: objectBody<AuthConfig> });
}

export function login(request: LoginRequest, options: RequestOptions = {}): Promise<LoginResponse> {
  return apiRequest('POST', '/api/v1/auth/login', {
    ...options,
    auth: false,
    body: request,
    parse: objectBody<LoginResponse>,
  });
}

/** Revokes the session's token (sent with the call). */
export function logout(): Promise<undefined> {
  return apiRequest('POST', '/api/v1/auth/logout');
}

export function fetchOwnProfile(options: RequestOptions & { readonly token?: string } = {}): Promise<OwnProfile> {
  return apiRequest('GET', '/api/v1/users/me', { ...options, parse: objectBody<OwnProfile> });
}

export function updateOwnProfile(update: ProfileUpdate): Promise<OwnProfile> {
  return apiRequest('PATCH', '/api/v1/users/me', { body: update, parse: objectBody<OwnProfile> });
}
