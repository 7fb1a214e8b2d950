#!/usr/bin/env node
// node api/bench/ab.mjs --a <dist dir> --b <dist dir> [--route ping|whoami|cold|me|list] [--node <path>] [--rounds 7] [--seconds 3]
//
// Two builds of the server (say, before and after one change: `cp -r api/dist
// .bench-builds/before/dist` — any directory named dist is ignored by git — then
// build again), started side by side on the same database and loaded in
// alternating rounds on one route. Prints the medians of the per-round ratios
// B ÷ A: throughput and server CPU per request. This is how the gains in
// docs/performance.md ("What was measured and changed") are measured.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { call, cpuMicros, createDatabase, median, migrate, PASSWORD, pinLoadGenerator, startServer } from './support.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const A = resolve(option('a', ''));
const B = resolve(option('b', ''));
const NODE = option('node', process.execPath);
const ROUTE = option('route', 'ping');
const ROUNDS = Number(option('rounds', 7));
const SECONDS = Number(option('seconds', 3));
const CONNECTIONS = Number(option('connections', ['me', 'list'].includes(ROUTE) ? 10 : 50));
pinLoadGenerator();

if (!process.env.DATABASE_URL) throw new Error('ab.mjs needs DATABASE_URL: two servers cannot share an embedded database');
const db = await createDatabase('tptm-ab');
migrate(B, db);
const extraEnv = ROUTE === 'cold' ? { TPTM_KEY_CACHE_MAX_ENTRIES: '0' } : {};
const start = (dist) => startServer({ runtime: NODE, dist, db, extraEnv });

async function load(server, request, seconds = SECONDS) {
  const before = cpuMicros(server.pid);
  const r = await autocannon({ url: `${server.url}${request.path}`, headers: request.headers, connections: CONNECTIONS, duration: seconds });
  if (r.non2xx + r.errors > 0) throw new Error(`${r.non2xx + r.errors} failed requests`);
  return { rps: r.requests.average, cpu: (cpuMicros(server.pid) - before) / r.requests.total, p50: r.latency.p50 };
}

const servers = [];
try {
  servers.push(await start(A), await start(B));
  const [a, b] = servers;
  const { accessToken: token } = await call(a.url, '/api/v1/auth/login', {
    method: 'POST',
    body: { email: 'admin@example.com', password: PASSWORD },
  });
  const orgId = (await call(a.url, '/api/v1/me', { token })).memberships[0].organization.id;
  const { key } = await call(a.url, `/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: 'AB key' } });
  const request = {
    ping: { path: '/api/v1/integration/ping', headers: { 'x-api-key': key } },
    whoami: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
    cold: { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } },
    me: { path: '/api/v1/me', headers: { authorization: `Bearer ${token}` } },
    list: { path: `/api/v1/orgs/${orgId}/api-keys?limit=50`, headers: { authorization: `Bearer ${token}` } },
  }[ROUTE];
  await load(a, request, 1);
  await load(b, request, 1);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [first, second] = i % 2 ? [b, a] : [a, b];
    const r1 = await load(first, request);
    const r2 = await load(second, request);
    rounds.push(i % 2 ? { a: r2, b: r1 } : { a: r1, b: r2 });
  }
  const f = (n, d = 2) => n.toFixed(d);
  console.log(
    `${ROUTE} on ${spawnSync(NODE, ['-v']).stdout.toString().trim()}, ${ROUNDS} × ${SECONDS} s, ${CONNECTIONS} connections:\n` +
      `  B ÷ A throughput ${f(median(rounds.map((r) => r.b.rps / r.a.rps)))}, CPU per request ${f(median(rounds.map((r) => r.b.cpu / r.a.cpu)))}\n` +
      `  A: ${f(median(rounds.map((r) => r.a.rps)), 0)} req/s, ${f(median(rounds.map((r) => r.a.cpu)), 1)} µs, p50 ${median(rounds.map((r) => r.a.p50))} ms\n` +
      `  B: ${f(median(rounds.map((r) => r.b.rps)), 0)} req/s, ${f(median(rounds.map((r) => r.b.cpu)), 1)} µs, p50 ${median(rounds.map((r) => r.b.p50))} ms`,
  );
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await db.drop();
}
