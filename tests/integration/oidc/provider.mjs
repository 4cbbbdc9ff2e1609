// A real OpenID Connect provider (the certified npm package `oidc-provider`) for Plenum's
// integration tests (tests/integration/test_oidc.py). Test-only: never deploy this.
//
//   node provider.mjs [--port N] [--client-id ID] [--redirect-uri URI]
//
// Listens on 127.0.0.1 only (port 0 = any free port) and prints one JSON line when ready:
//   {"ready":true,"issuer":"http://127.0.0.1:PORT","port":PORT}
//
// What the tests get from the provider itself (unchanged library code):
// - discovery, JWKS, the authorization endpoint with the library's development sign-in and consent
//   pages (devInteractions: any login name, any password), the token endpoint (authorization code
//   + PKCE S256, public client), userinfo;
// - JWT access tokens (RFC 9068) through resource indicators (RFC 8707). The audience is the
//   configured client id, as Plenum expects. Resources:
//     urn:plenum:api        RS256, profile claims (email, names, groups) in the access token
//     urn:plenum:api:es256  ES256, the same claims
//     urn:plenum:api:lean   RS256, no profile claims (Plenum has to ask the userinfo endpoint)
//     urn:other:api         RS256, audience "other-service" (a token for someone else)
//
// Test-only control endpoints, under /test/ (never part of a real provider):
//   POST /test/rotate   new RSA and EC signing keys with new key ids; the old keys are removed
//                       from the JWK Set at once (the provider is rebuilt with the new key set)
//   POST /test/mint     signs {"claims": {...}, "alg": "RS256"|"ES256"} with the provider's current
//                       key: the claims of a real access token for `ada`, overridden by "claims".
//                       For tokens the provider would never issue (e.g. expired an hour ago).
//   GET  /test/stats    {"userinfo_requests": N, "jwks_requests": N, "kids": [...]}
//   POST /test/redirect {"redirect_uri": URI}: the client's only redirect URI from now on (for a
//                       web app whose port is known only after the provider started)

import { generateKeyPairSync, randomBytes, randomUUID, sign as cryptoSign } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '0' },
    'client-id': { type: 'string', default: 'plenum-web' },
    'redirect-uri': { type: 'string', default: 'http://127.0.0.1:9/callback' },
  },
});
const clientId = args['client-id'];
let redirectUri = args['redirect-uri'];

// The people who can sign in, by login name, which is also their subject identifier: the
// devInteractions page takes the login name as the account id (any password works).
const accounts = {
  ada: {
    sub: 'ada',
    email: 'ada@example.org',
    email_verified: true,
    given_name: 'Ada',
    family_name: 'Lovelace',
    preferred_username: 'ada',
    groups: ['council', 'finance'],
  },
  grace: {
    sub: 'grace',
    email: 'grace@navy.example',
    email_verified: true,
    given_name: 'Grace',
    family_name: 'Hopper',
    preferred_username: 'grace',
    groups: ['council'],
  },
};
const accountsBySub = new Map(Object.values(accounts).map((a) => [a.sub, a]));
const profileClaims = (a) => ({
  email: a.email,
  email_verified: a.email_verified,
  name: `${a.given_name} ${a.family_name}`,
  given_name: a.given_name,
  family_name: a.family_name,
  preferred_username: a.preferred_username,
  groups: a.groups,
});

const resources = {
  'urn:plenum:api': { audience: clientId, alg: 'RS256', claims: true },
  'urn:plenum:api:es256': { audience: clientId, alg: 'ES256', claims: true },
  'urn:plenum:api:lean': { audience: clientId, alg: 'RS256', claims: false },
  'urn:other:api': { audience: 'other-service', alg: 'RS256', claims: true },
};

let generation = 0;
function newKeys() {
  generation += 1;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return {
    rsa: { key: rsa, kid: `rsa-${generation}` },
    ec: { key: ec, kid: `ec-${generation}` },
    jwks: {
      keys: [
        { ...rsa.export({ format: 'jwk' }), kid: `rsa-${generation}`, use: 'sig', alg: 'RS256' },
        { ...ec.export({ format: 'jwk' }), kid: `ec-${generation}`, use: 'sig', alg: 'ES256' },
      ],
    },
  };
}

function buildProvider(issuer, keys) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      token_endpoint_auth_method: 'none', // a public client (the browser app): PKCE is required
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: keys.jwks,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups'],
    },
    scopes: ['openid', 'email', 'profile', 'groups', 'plenum'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:plenum:api',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const r = resources[indicator];
          if (!r) throw new Provider.errors.InvalidTarget();
          return {
            scope: 'plenum',
            audience: r.audience,
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: r.alg } },
          };
        },
      },
    },
    // Like Keycloak's default mappers: the access token carries the profile, except for the lean
    // resource.
    extraTokenClaims: (_ctx, token) => {
      const account = accountsBySub.get(token.accountId);
      const indicator = token.resourceServer?.identifier();
      if (!account || !resources[indicator]?.claims) return undefined;
      return profileClaims(account);
    },
    findAccount: (_ctx, id) => {
      const account = accountsBySub.get(id);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ sub: account.sub, ...profileClaims(account) }),
      };
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('provider: server error:', err));
  return provider;
}

function b64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

// A JWT access token as the provider would issue it for `ada`, signed with its current key.
function mint(keys, issuer, { claims = {}, alg = 'RS256' }) {
  const now = Math.floor(Date.now() / 1000);
  const signer = alg === 'ES256' ? keys.ec : keys.rsa;
  const header = { alg, typ: 'at+jwt', kid: signer.kid };
  const payload = {
    iss: issuer,
    sub: accounts.ada.sub,
    aud: clientId,
    client_id: clientId,
    scope: 'plenum',
    jti: randomUUID(),
    iat: now,
    exp: now + 300,
    ...profileClaims(accounts.ada),
    ...claims,
  };
  const input = `${b64url(header)}.${b64url(payload)}`;
  const options = alg === 'ES256' ? { key: signer.key, dsaEncoding: 'ieee-p1363' } : signer.key;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), options).toString('base64url')}`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

let keys = newKeys();
let handler; // the current provider's request handler (replaced on key rotation)
let issuer;
const stats = { userinfo_requests: 0, jwks_requests: 0 };

async function control(req, res) {
  const path = new URL(req.url, issuer).pathname;
  if (req.method === 'POST' && path === '/test/rotate') {
    keys = newKeys();
    handler = buildProvider(issuer, keys).callback();
    return reply(res, 200, { kids: keys.jwks.keys.map((k) => k.kid) });
  }
  if (req.method === 'POST' && path === '/test/redirect') {
    redirectUri = JSON.parse((await readBody(req)) || '{}').redirect_uri;
    handler = buildProvider(issuer, keys).callback();
    return reply(res, 200, { redirect_uri: redirectUri });
  }
  if (req.method === 'POST' && path === '/test/mint') {
    const body = JSON.parse((await readBody(req)) || '{}');
    return reply(res, 200, { access_token: mint(keys, issuer, body) });
  }
  if (req.method === 'GET' && path === '/test/stats') {
    return reply(res, 200, { ...stats, kids: keys.jwks.keys.map((k) => k.kid) });
  }
  return reply(res, 404, { error: 'not_found' });
}

const server = createServer((req, res) => {
  if (req.url.startsWith('/test/')) {
    control(req, res).catch((err) => reply(res, 500, { error: String(err) }));
    return;
  }
  if (req.url.startsWith('/me')) stats.userinfo_requests += 1;
  if (req.url.startsWith('/jwks')) stats.jwks_requests += 1;
  handler(req, res);
});

server.listen(Number(args.port), '127.0.0.1', () => {
  const { port } = server.address();
  issuer = `http://127.0.0.1:${port}`;
  handler = buildProvider(issuer, keys).callback();
  process.stdout.write(`${JSON.stringify({ ready: true, issuer, port })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
