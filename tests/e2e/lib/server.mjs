// The real `plenum` binary on a free port with a throwaway data directory, serving the built web app
// (web/dist) — the Node counterpart of tests/integration/plenum_server.py.
//
//   const server = await startServer({ config: '...toml...' });
//   await server.addUser({ email, name, password, admin });
//   server.origin   // http://127.0.0.1:PORT
//   await server.stop();
//
// Binary: env PLENUM_TEST_BINARY (CTest sets it), else build/asan/plenum, else build/release/plenum.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = process.env.PLENUM_TEST_SOURCE_DIR || path.resolve(here, '..', '..', '..');
const URL_LINE = /is running: open (https?):\/\/127\.0\.0\.1:(\d+)\//;

export function binaryPath() {
  const candidates = [
    process.env.PLENUM_TEST_BINARY,
    path.join(SOURCE_DIR, 'build', 'asan', 'plenum'),
    path.join(SOURCE_DIR, 'build', 'release', 'plenum'),
  ].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error('no plenum binary: set PLENUM_TEST_BINARY (tried ' + candidates.join(', ') + ')');
}

export function webRoot() {
  const dist = process.env.PLENUM_E2E_WEB_ROOT || path.join(SOURCE_DIR, 'web', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`the web app is not built (${dist}/index.html missing): run \`make web\``);
  }
  return dist;
}

// The environment without the caller's PLENUM_* settings (the server reads PLENUM_* as config).
function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PLENUM_')) env[k] = v;
  return { ...env, ...extra };
}

export async function startServer({ config = '', timeoutMs = 60_000, env = {} } = {}) {
  const binary = binaryPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-'));
  const dataDir = path.join(dir, 'data');
  const configPath = path.join(dir, 'plenum.toml');
  fs.writeFileSync(configPath, config);
  // Opt-in for reading what the server logs: PLENUM_E2E_SERVER_LOG=path appends its output to
  // that file, PLENUM_E2E_SERVER_LOG_LEVEL (e.g. debug) becomes its PLENUM_LOG_LEVEL.
  const logLevel = process.env.PLENUM_E2E_SERVER_LOG_LEVEL ? { PLENUM_LOG_LEVEL: process.env.PLENUM_E2E_SERVER_LOG_LEVEL } : {};
  const logFile = process.env.PLENUM_E2E_SERVER_LOG ? fs.createWriteStream(process.env.PLENUM_E2E_SERVER_LOG, { flags: 'a' }) : null;
  const fullEnv = cleanEnv({ PLENUM_HTTP_WEB_ROOT: webRoot(), ...logLevel, ...env });
  const proc = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--config', configPath],
    { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const collect = (stream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop();
      lines.push(...parts);
      if (logFile) for (const line of parts) logFile.write(line + '\n');
    });
  };
  collect(proc.stdout);
  collect(proc.stderr);
  const exited = new Promise((resolve) => proc.on('exit', (code, sig) => resolve({ code, sig })));

  const port = await new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      for (const line of lines) {
        const m = URL_LINE.exec(line);
        if (m) return resolve(Number(m[2]));
      }
      if (proc.exitCode !== null || proc.signalCode !== null) {
        return reject(new Error('plenum exited before it was ready:\n' + lines.join('\n')));
      }
      if (Date.now() > deadline) return reject(new Error('plenum did not print its URL in time:\n' + lines.join('\n')));
      setTimeout(tick, 50);
    };
    tick();
  }).catch(async (e) => {
    proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  });

  const origin = `http://127.0.0.1:${port}`;
  const server = {
    origin, port, dir, dataDir, configPath, proc, lines,
    // `plenum user add` on the same data directory and config (the server holds the database open;
    // SQLite lets the CLI write next to it).
    addUser({ email, name, password, admin = false }) {
      const args = ['user', 'add', '--data-dir', dataDir, '--config', configPath, '--email', email, '--name', name,
        '--password-stdin'];
      if (admin) args.push('--admin');
      const r = spawnSync(binary, args, { input: password + '\n', env: cleanEnv({}), encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`plenum user add ${email} failed (${r.status}): ${r.stderr}${r.stdout}`);
      return { email, name, password };
    },
    // A REST call as a client would make it (for set-up steps a test does not exercise through the UI).
    async api(method, pathname, { token, body } = {}) {
      const headers = { accept: 'application/json' };
      if (token) headers.authorization = 'Bearer ' + token;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(origin + pathname, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { json = text; }
      return { status: res.status, body: json };
    },
    async login(email, password) {
      const r = await server.api('POST', '/api/v1/auth/login', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.access_token;
    },
    // Sanitizer reports in the server's output (ASan/UBSan build): a test should fail on them.
    sanitizerLines() {
      return lines.filter((l) => /AddressSanitizer|LeakSanitizer|runtime error:/.test(l));
    },
    tail(n = 60) {
      return lines.slice(-n).join('\n');
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
