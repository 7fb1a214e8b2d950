#!/usr/bin/env node
// node api/bench/profile.mjs [--node <path>] [--route whoami|ping|cold|list|create|me] [--seconds 10] [--connections 50]
//
// A CPU profile (`node --cpu-prof`) of the built server (api/dist) under
// autocannon load on one route, on the runtime given (the machine's node by
// default), then its summary (summarize-profile.mjs). Uses the PostgreSQL
// server in DATABASE_URL (a throwaway database, dropped after) or a throwaway
// embedded database. The profile is kept in the directory printed.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const NODE = option('node', process.execPath);
const ROUTE = option('route', 'whoami');
const SECONDS = Number(option('seconds', 10));
const CONNECTIONS = Number(option('connections', ['list', 'create', 'me'].includes(ROUTE) ? 10 : 50));
const PASSWORD = 'bench-password-1234';
const pin = spawnSync('taskset', ['-V']).status === 0;
if (pin) spawnSync('taskset', ['-cp', '1', String(process.pid)]);

const profileDir = mkdtempSync(join(tmpdir(), 'tptm-profile-'));
let dbUrl;
let dropDb = async () => {};
const env = { ...process.env, TPTM_ADMIN_PASSWORD: PASSWORD, TPTM_KEY_MAX_FAILURES: '1000000', PORT: '0' };
if (process.env.DATABASE_URL) {
  const name = `tptm_prof_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  dbUrl = url.toString();
  Object.assign(env, { DATABASE_URL: dbUrl, TPTM_JWT_SECRET: randomBytes(32).toString('hex') });
  dropDb = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'tptm-profile-db-'));
  env.TPTM_DATA_DIR = dataDir;
  dropDb = async () => rmSync(dataDir, { recursive: true, force: true });
}
if (ROUTE === 'cold') env.TPTM_KEY_CACHE_MAX_ENTRIES = '0';

const migrated = spawnSync(NODE, [join(dist, 'cli', 'migrate.js')], { env, stdio: 'inherit' });
if (migrated.status !== 0) throw new Error('migration failed');

const spawnedAt = Date.now();
let loadedAt;
const command = [NODE, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, join(dist, 'main.js')];
const child = spawn(pin ? 'taskset' : command[0], pin ? ['-c', '0', ...command] : command.slice(1), { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const found = line.startsWith('{') ? JSON.parse(line).url : undefined;
    if (!found) return;
    lines.close();
    child.stdout.resume();
    resolve(found);
  });
});

async function call(path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

try {
  const { accessToken: token } = await call('/api/v1/auth/login', { method: 'POST', body: { email: 'admin@example.com', password: PASSWORD } });
  const orgId = (await call('/api/v1/me', { token })).memberships[0].organization.id;
  const { key } = await call(`/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: 'Profile key' } });
  if (ROUTE === 'list') {
    for (let i = 0; i < 60; i++) await call(`/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: `Listed ${i}` } });
  }
  let n = 0;
  const requests = {
    whoami: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
    cold: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
    ping: { path: '/api/v1/integration/ping', headers: { 'x-api-key': key } },
    me: { path: '/api/v1/me', headers: { authorization: `Bearer ${token}` } },
    list: { path: `/api/v1/orgs/${orgId}/api-keys?limit=50`, headers: { authorization: `Bearer ${token}` } },
    create: {
      path: `/api/v1/orgs/${orgId}/api-keys`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: `Profiled ${n++}` }) }) }],
    },
  }[ROUTE];
  if (!requests) throw new Error(`unknown route ${ROUTE}`);
  loadedAt = Date.now();
  const result = await autocannon({ url: `${url}${requests.path}`, connections: CONNECTIONS, duration: SECONDS, ...requests });
  console.log(
    `${ROUTE} on ${spawnSync(NODE, ['-v']).stdout.toString().trim()}: ${Math.round(result.requests.average)} req/s, ` +
      `p50 ${result.latency.p50} ms, non-2xx ${result.non2xx + result.errors}`,
  );
} finally {
  await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
  await dropDb();
}
const [file] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profileDir}`);
console.log(`profile: ${join(profileDir, file)}`);
spawnSync(
  process.execPath,
  [
    join(here, 'summarize-profile.mjs'),
    join(profileDir, file),
    '--from-ms',
    String(loadedAt - spawnedAt),
    ...args.filter((a, i) => ['--top', '--match'].includes(args[i - 1]) || ['--top', '--match'].includes(a)),
  ],
  {
    stdio: 'inherit',
  },
);
