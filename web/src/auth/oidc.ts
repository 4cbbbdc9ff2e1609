/**
 * Sign-in through the OpenID Connect provider the server names in /auth/config: authorization
 * code flow with PKCE (public client). The server accepts the provider's access token as bearer
 * token (docs/api.md); the content security policy allows connections to the issuer's origin.
 */
import { codeChallenge, randomToken } from './pkce';

const PENDING_KEY = 'plenum.oidc.pending';

export interface ProviderMetadata {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly next: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly resource: string | null;
}

export class OidcError extends Error {
  override name = 'OidcError';
  readonly code: 'discovery' | 'state' | 'denied' | 'token';
  constructor(code: OidcError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export function redirectUri(): string {
  return `${window.location.origin}/auth/callback`;
}

export async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new OidcError('discovery', String(error));
  }
  const body: unknown = response.ok ? await response.json().catch(() => null) : null;
  const meta = body as Partial<ProviderMetadata> | null;
  if (typeof meta?.authorization_endpoint !== 'string' || typeof meta.token_endpoint !== 'string') {
    throw new OidcError('discovery', `no usable discovery document at ${url}`);
  }
  return { authorization_endpoint: meta.authorization_endpoint, token_endpoint: meta.token_endpoint };
}

export interface ProviderSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** RFC 8707 resource indicator for the access token (server setting `oidc.resource`). */
  readonly resource: string | null;
}

/** The provider's sign-in URL; remembers state and verifier for the callback. */
export async function authorizationUrl(provider: ProviderSettings, next: string): Promise<string> {
  const { issuer, clientId, resource } = provider;
  const meta = await discover(issuer);
  const pending: Pending = { state: randomToken(), verifier: randomToken(), next, issuer, clientId, resource };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(meta.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await codeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (resource) url.searchParams.set('resource', resource);
  return url.toString();
}

export interface OidcTokens {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly next: string;
}

/** Handles the provider's redirect back: checks the state and exchanges the code. */
export async function completeSignIn(search: string): Promise<OidcTokens> {
  const params = new URLSearchParams(search);
  const text = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  const pending = text === null ? null : (JSON.parse(text) as Pending);
  if (params.get('error') !== null) throw new OidcError('denied', params.get('error_description') ?? params.get('error') ?? '');
  const code = params.get('code');
  if (pending === null || code === null || params.get('state') !== pending.state) {
    throw new OidcError('state', 'the sign-in answer does not belong to a sign-in started here');
  }
  const meta = await discover(pending.issuer);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  if (pending.resource) form.set('resource', pending.resource);
  let response: Response;
  try {
    response = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
    });
  } catch (error) {
    throw new OidcError('token', String(error));
  }
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
  if (!response.ok || typeof body?.access_token !== 'string') {
    throw new OidcError('token', `the provider refused the code (HTTP ${response.status})`);
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  return {
    accessToken: body.access_token,
    expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
    next: pending.next,
  };
}
