// Sign-in with the organisation's account: the web app's OpenID Connect code + PKCE flow against a
// real provider (the certified npm `oidc-provider`, tests/integration/oidc/provider.mjs, with its
// development login and consent pages). The account is created from the provider's token, the
// dashboard opens, and the REST API accepts the provider's access token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, cspViolations } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const PROVIDER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'integration', 'oidc');

async function startProvider(t) {
  const proc = spawn(process.execPath, ['provider.mjs', '--port', '0', '--client-id', 'plenum-web'],
    { cwd: PROVIDER_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => proc.kill('SIGTERM'));
  const ready = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the OIDC provider did not start: ' + out)), 30_000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    proc.on('exit', (code) => reject(new Error(`the OIDC provider exited (${code}): ${out}`)));
  });
  return ready.issuer;
}

test('signs in with the organisation account through the provider (code + PKCE)', async (t) => {
  const issuer = await startProvider(t);
  const server = await startServer({ config: `[oidc]\nissuer = "${issuer}"\nclient_id = "plenum-web"\n` });
  t.after(() => server.stop());
  const redirect = await fetch(`${issuer}/test/redirect`, {
    method: 'POST',
    body: JSON.stringify({ redirect_uri: `${server.origin}/auth/callback` }),
  });
  assert.equal(redirect.status, 200);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const ada = await browser.participant('Ada');
  const { page } = ada;

  await page.goto(`${server.origin}/signin?next=%2Fsettings`);
  await page.getByRole('button', { name: 'Sign in with your organisation account' }).click();
  // The provider's development login page: any password for a known login name.
  await page.waitForURL((url) => url.origin === issuer, { timeout: 30_000 });
  await page.locator('input[name="login"]').fill('ada');
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').click();
  // Consent, then back to the app's callback, which continues to the page asked for.
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${server.origin}/settings`, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });

  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('plenum.session') ?? 'null'));
  assert.equal(session?.user?.email, 'ada@example.org');
  assert.equal(session?.user?.display_name, 'Ada Lovelace');
  // The provider's access token works for the API (a JWT the server verified against the JWKS).
  const me = await server.api('GET', '/api/v1/users/me', { token: session.token });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.email, 'ada@example.org');
  assert.deepEqual(await cspViolations(page), [], 'CSP violations (the provider origin must be allowed)');
});
