/** The second sign-in factor (TOTP, RFC 6238) of the signed-in account. */
import { apiRequest, objectBody } from '../../../api/client';
import type { components } from '../../../api/schema';

export type TotpEnrollment = components['schemas']['TotpEnrollment'];

/** A new secret and its otpauth:// URI; nothing changes until confirmed. 409 when already on. */
export function beginTotp(): Promise<TotpEnrollment> {
  return apiRequest('POST', '/api/v1/users/me/totp', { parse: objectBody<TotpEnrollment> });
}

export function confirmTotp(secret: string, code: string): Promise<undefined> {
  return apiRequest('POST', '/api/v1/users/me/totp/confirm', { body: { secret, code } });
}

export function disableTotp(code: string): Promise<undefined> {
  return apiRequest('POST', '/api/v1/users/me/totp/disable', { body: { code } });
}
