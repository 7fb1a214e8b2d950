#!/usr/bin/env node
// node api/bench/ab.mjs --a <dist dir> --b <dist dir> [--route ping|whoami|cold|me|list] [--node <path>] [--rounds 7] [--seconds 3]
//
// Two builds of the server (say, before and after one change: `cp -r api/dist
// .bench-builds/before/dist` — any directory named dist is ignored by git — then
// build again), started side by side on the same database and loaded in
// alternating rounds on one route. Prints the medians of the per-round ratios
// B ÷ A: throughput and server CPU per request. This is how the gains in
// docs/performance.md ("What was measured and changed") are measured.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const A = resolve(option('a', ''));
const B = resolve(option('b', ''));
const NODE = option('node', process.execPath);
const ROUTE = option('route', 'ping');
const ROUNDS = Number(option('rounds', 7));
const SECONDS = Number(option('seconds', 3));
const CONNECTIONS = Number(option('connections', ['me', 'list'].includes(ROUTE) ? 10 : 50));
const PASSWORD = 'bench-password-1234';
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
const pin = spawnSync('taskset', ['-V']).status === 0;
if (pin) spawnSync('taskset', ['-cp', '1', String(process.pid)]);
const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];

const env = { ...process.env, TPTM_ADMIN_PASSWORD: PASSWORD, TPTM_KEY_MAX_FAILURES: '1000000', PORT: '0' };
let drop;
if (process.env.DATABASE_URL) {
  const name = `tptm_ab_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  Object.assign(env, { DATABASE_URL: url.toString(), TPTM_JWT_SECRET: randomBytes(32).toString('hex') });
  drop = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  throw new Error('ab.mjs needs DATABASE_URL: two servers cannot share an embedded database');
}
if (ROUTE === 'cold') env.TPTM_KEY_CACHE_MAX_ENTRIES = '0';
if (spawnSync(NODE, [join(B, 'cli', 'migrate.js')], { env, stdio: 'inherit' }).status !== 0) throw new Error('migration failed');

function start(dist) {
  const command = [NODE, join(dist, 'main.js')];
  const child = spawn(pin ? 'taskset' : command[0], pin ? ['-c', '0', ...command] : command.slice(1), { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = line.startsWith('{') ? JSON.parse(line).url : undefined;
      if (!url) return;
      lines.close();
      child.stdout.resume();
      done({ url, pid: child.pid, stop: () => new Promise((ok) => (child.once('exit', ok), child.kill('SIGTERM'))) });
    });
  });
}
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) / CLOCK_TICKS) * 1e6;
};
async function call(url, path, { method = 'GET', token, body } = {}) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}
async function load(server, request, seconds = SECONDS) {
  const before = cpu(server.pid);
  const r = await autocannon({ url: `${server.url}${request.path}`, headers: request.headers, connections: CONNECTIONS, duration: seconds });
  if (r.non2xx + r.errors > 0) throw new Error(`${r.non2xx + r.errors} failed requests`);
  return { rps: r.requests.average, cpu: (cpu(server.pid) - before) / r.requests.total, p50: r.latency.p50 };
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
  await drop();
}
