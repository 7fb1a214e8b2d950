#!/usr/bin/env node
// node api/bench/profile.mjs [--node <path>] [--route whoami|limited|ping|cold|list|create|me] [--seconds 10] [--connections 50]
//
// A CPU profile (`node --cpu-prof`) of the built server (api/dist) under
// autocannon load on one route, on the runtime given (the machine's node by
// default), then its summary (summarize-profile.mjs). Uses the PostgreSQL
// server in DATABASE_URL (a throwaway database, dropped after) or a throwaway
// embedded database. The profile is kept in the directory printed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { call, createDatabase, migrate, PASSWORD, pinLoadGenerator, startServer } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const NODE = option('node', process.execPath);
const ROUTE = option('route', 'whoami');
const SECONDS = Number(option('seconds', 10));
const CONNECTIONS = Number(option('connections', ['list', 'create', 'me'].includes(ROUTE) ? 10 : 50));
pinLoadGenerator();

const profileDir = mkdtempSync(join(tmpdir(), 'tptm-profile-'));
const db = await createDatabase('tptm-profile');
migrate(dist, db);

const spawnedAt = Date.now();
let loadedAt;
const server = await startServer({
  runtime: NODE,
  dist,
  db,
  extraEnv: ROUTE === 'cold' ? { TPTM_KEY_CACHE_MAX_ENTRIES: '0' } : {},
  nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
});
const api = (path, options) => call(server.url, path, options);

try {
  const { accessToken: token } = await api('/api/v1/auth/login', { method: 'POST', body: { email: 'admin@example.com', password: PASSWORD } });
  const orgId = (await api('/api/v1/me', { token })).memberships[0].organization.id;
  // `limited`: whoami with a key whose rate limit is never reached, the path issue 28's throughput figure compares.
  const rateLimit = ROUTE === 'limited' ? { requests: 1_000_000, windowSeconds: 86_400 } : undefined;
  const { key } = await api(`/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: 'Profile key', rateLimit } });
  if (ROUTE === 'list') {
    for (let i = 0; i < 60; i++) await api(`/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: `Listed ${i}` } });
  }
  let n = 0;
  const requests = {
    whoami: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
    limited: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
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
  const result = await autocannon({ url: `${server.url}${requests.path}`, connections: CONNECTIONS, duration: SECONDS, ...requests });
  console.log(
    `${ROUTE} on ${spawnSync(NODE, ['-v']).stdout.toString().trim()}: ${Math.round(result.requests.average)} req/s, ` +
      `p50 ${result.latency.p50} ms, non-2xx ${result.non2xx + result.errors}`,
  );
} finally {
  await server.stop();
  await db.drop();
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
