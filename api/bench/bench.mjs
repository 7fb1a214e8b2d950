#!/usr/bin/env node
// npm run bench [-- --smoke] [-- --rounds N --seconds S --only 1,4] [-- --runtime 24 | --node <path>] [-- --dist <dir>]
//
// Measures the API key hot path against baselines served by the same machine
// in the same run, and prints ratios (medians of per-round ratios, rounds
// alternating A and B), because absolute numbers drift on a shared machine.
// Runs on the PostgreSQL server in DATABASE_URL (a throwaway database is
// created and dropped) or, without it, on a throwaway embedded database.
// Loopback only; the server and this load generator are pinned to different
// cores when `taskset` is available. The servers (the API and the bare
// baselines) run on the machine's node, or on the runtime given: `--runtime 24`
// (Node.js 24.21.0, the version CI pins, fetched with npx) or `--node <path>`.

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { call, canPin, cpuMicros, createDatabase, median, migrate, PASSWORD, pinLoadGenerator, pinned, serverEnv, startServer } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
// Another build than api/dist (say, one made where a concurrent `npm run build:api` cannot delete it).
const dist = argv.includes('--dist') ? resolve(argv[argv.indexOf('--dist') + 1]) : join(here, '..', 'dist');
/** A built module of the API-key authentication, wherever this build keeps it (it moved to auth/api-keys). */
const authModule = (file) => {
  const moved = join(dist, 'auth', 'api-keys', file);
  return import(existsSync(moved) ? moved : join(dist, 'api-keys', file));
};
const { generateApiKey } = await authModule('key-format.js');

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = option('rounds', smoke ? 1 : 5);
const SECONDS = option('seconds', smoke ? 1 : 3);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7, 8, 9];
const CONNECTIONS = 50;
// Requests per second each of two servers loaded side by side is sent: well below what one core serves, so neither
// falls behind the other and answers in bigger (cheaper) batches.
const PAIRED_RATE = 2_500;
const STATS_DELAY_MS = smoke ? 0 : 11_000;
// The embedded database is seeded through the API (it cannot be opened twice), so it gets fewer keys.
const LIST_KEYS = option('keys', smoke ? 2_000 : process.env.DATABASE_URL ? 100_000 : 5_000);
// In every seeded name ("Seeded key 123"), in another case: the name filter then runs on every row it pages through.
const LIST_Q = 'ed KEY';
/** Versions `--runtime` pins (the one CI runs the tests on). */
const PINNED_RUNTIMES = { 24: '24.21.0' };
const RUNTIME = (() => {
  if (args.includes('--node')) return args[args.indexOf('--node') + 1];
  if (!args.includes('--runtime')) return process.execPath;
  const wanted = args[args.indexOf('--runtime') + 1];
  const version = PINNED_RUNTIMES[wanted] ?? wanted;
  return execFileSync('npx', ['-y', `node@${version}`, '-p', 'process.execPath'], { encoding: 'utf8' }).trim();
})();
const RUNTIME_VERSION = execFileSync(RUNTIME, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
const RECORDER = join(here, 'record-sql.cjs');
/** What the server runs on its own (revocation heartbeat and notifications, usage batches), not for a request. */
const BACKGROUND = /^\s*(select 1\b|select pg_notify|listen |with batch as)/i;
/** Clients the management figures (4, 5) load with, and the bare `pg` comparison runs. */
const MANAGEMENT_CONNECTIONS = 10;

pinLoadGenerator();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

// ---------------------------------------------------------------- database

/** Statements the database has run (PostgreSQL only): committed plus rolled-back transactions. */
async function statementCount(db) {
  if (!db.client) return NaN;
  const { rows } = await db.client.query('select xact_commit + xact_rollback as n from pg_stat_database where datname = $1', [db.name]);
  return Number(rows[0].n);
}

// ------------------------------------------------------------------ servers

function startApi(db, extraEnv = {}, nodeOptions = []) {
  return startServer({ runtime: RUNTIME, dist, db, extraEnv, nodeOptions });
}

/**
 * The platform limit: a bare node:http server answering the same JSON as /integration/ping, or (given `answer`)
 * the same JSON as another route, serialized on every request as the API does.
 */
function startBareServer(answer) {
  const source = `
    const http = require('node:http');
    const answer = ${answer ? JSON.stringify(JSON.stringify(answer)) : 'undefined'};
    const fixed = answer && JSON.parse(answer);
    const server = http.createServer((req, res) => {
      const body = JSON.stringify(fixed ?? { status: 'ok', time: new Date() });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.keepAliveTimeout = 72000;
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  const [command, commandArgs] = pinned([RUNTIME, '-e', source]);
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      resolve({ url: JSON.parse(line).url, pid: child.pid, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
  });
}

// ------------------------------------------------------------------ loading

/**
 * Loads one URL; the result is autocannon's plus `latency.p50/p99` at
 * microsecond precision (autocannon's own histogram rounds to whole
 * milliseconds) and the server's CPU time per request.
 */
function load(url, { path, headers = {}, connections = CONNECTIONS, seconds = SECONDS, setupRequest, method = 'GET', body, pid, overallRate }) {
  const times = [];
  const cpuBefore = cpuMicros(pid);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${path}`,
        connections,
        duration: seconds,
        method,
        body,
        headers,
        requests: setupRequest ? [{ setupRequest }] : undefined,
        overallRate,
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
        result.latency = { ...result.latency, p50: at(0.5), p99: at(0.99) };
        result.cpuMicrosPerRequest = (cpuMicros(pid) - cpuBefore) / result.requests.total;
        resolve(result);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/** Alternates A and B for ROUNDS rounds; returns per-round results. */
async function abRounds(a, b) {
  await load(a.url, { ...a, seconds: 1 });
  await load(b.url, { ...b, seconds: 1 });
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const first = i % 2 === 0;
    const ra = first ? await load(a.url, a) : undefined;
    const rb = await load(b.url, b);
    const ra2 = first ? ra : await load(a.url, a);
    rounds.push({ a: ra2, b: rb });
  }
  return rounds;
}

/**
 * Loads two servers at the same time at the same fixed rate, so that the machine's other work weighs on both
 * alike; returns both results.
 */
async function sideBySide(a, b, seconds = SECONDS) {
  const options = { seconds, connections: 10, overallRate: PAIRED_RATE };
  const [ra, rb] = await Promise.all([load(a.url, { ...a, ...options }), load(b.url, { ...b, ...options })]);
  return { a: ra, b: rb };
}

/**
 * Nanoseconds one UsageTracker.record() takes for a key in use, with counting on and off: the medians of 15 timed
 * loops of each, alternating.
 */
async function nanosPerRecord() {
  const { UsageTracker } = await authModule('usage.tracker.js');
  const { Clock } = await import(join(dist, 'common', 'clock.js'));
  // No database: record() never touches it (only a flush would).
  const withCounting = (keyUsageCounting) => new UsageTracker(undefined, new Clock(), { keyUsageCounting });
  const trackers = { on: withCounting(true), off: withCounting(false) };
  const keyId = randomBytes(16).toString('hex');
  const lastUsedAt = new Date(); // used within the minute, as a busy key is: no last-used write
  const calls = 1_000_000;
  const loops = { on: [], off: [] };
  for (let loop = 0; loop < 15; loop++) {
    for (const [setting, tracker] of Object.entries(trackers)) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) tracker.record(keyId, lastUsedAt);
      loops[setting].push(Number(process.hrtime.bigint() - started) / calls);
    }
  }
  return { on: median(loops.on), off: median(loops.off) };
}

const throughput = (r) => r.requests.average;
const non2xx = (r) => r.non2xx + r.errors;

// -------------------------------------------------------------------- main

const results = [];
const report = (figure, value, goal, met) => {
  results.push({ figure, value, goal, met });
  console.log(`  ${figure}: ${value}${goal ? `   (goal ${goal}: ${met ? 'met' : 'NOT met'})` : ''}`);
};

const started = Date.now();
const db = await createDatabase('tptm-bench');
console.log(
  `TPTM benchmark on ${db.kind}, servers on Node.js ${RUNTIME_VERSION.slice(1)} (load generator on ${process.version.slice(1)}); ` +
    `${ROUNDS} alternating rounds of ${SECONDS} s at ${CONNECTIONS} connections; ` +
    `${canPin ? 'server on core 0, load generator on core 1' : 'not pinned (no taskset or one core)'}\n`,
);
migrate(dist, db);
// A service token for figure 9, made as the operator makes one: before the server starts (the embedded database is one process's).
const serviceToken = execFileSync(process.execPath, [join(dist, 'cli', 'service-token.js'), 'create', 'Bench service'], {
  env: serverEnv(db),
  encoding: 'utf8',
})
  .trim()
  .split('\n')
  .at(-1);

const servers = [];
try {
  const server = await startApi(db);
  servers.push(server);
  const { accessToken: token } = await call(server.url, '/api/v1/auth/login', {
    method: 'POST',
    body: { email: 'admin@example.com', password: PASSWORD },
  });
  const orgId = (await call(server.url, '/api/v1/me', { token })).memberships[0].organization.id;
  const { key } = await call(server.url, `/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: 'Bench key' } });

  const whoami = { path: '/api/v1/integration/whoami', headers: { 'x-api-key': key } };
  // The same request as whoami's, key header included (ping ignores it), so that only the
  // authentication and the answer differ.
  const ping = { path: '/api/v1/integration/ping', headers: { 'x-api-key': key } };

  if (ONLY.includes(1)) {
    console.log('1. Authenticated whoami (warm cache) vs. unauthenticated ping, same server');
    const rounds = await abRounds({ ...whoami, url: server.url, pid: server.pid }, { ...ping, url: server.url, pid: server.pid });
    const ratio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
    const addedP99 = median(rounds.map((r) => r.a.latency.p99 - r.b.latency.p99));
    report('throughput ratio whoami/ping', fmt(ratio), '≥ 0.95', ratio >= 0.95);
    report('added p99 latency', `${fmt(addedP99, 3)} ms`, '< 0.5 ms', addedP99 < 0.5);
    const cpuA = median(rounds.map((r) => r.a.cpuMicrosPerRequest));
    const cpuB = median(rounds.map((r) => r.b.cpuMicrosPerRequest));
    report('server CPU per request whoami / ping', `${fmt(cpuA, 1)} / ${fmt(cpuB, 1)} µs (ratio ${fmt(cpuA / cpuB)})`);
    report('whoami throughput (last round)', `${Math.round(throughput(rounds.at(-1).a))} req/s, non-2xx ${non2xx(rounds.at(-1).a)}`);

    console.log('1b. What counting usage per key and day costs: counting on vs. off (TPTM_KEY_USAGE_COUNTING=false)');
    if (!db.client) {
      console.log('  skipped: it runs two more servers side by side, and the embedded database takes one at a time');
    } else {
      // Two servers started alike on the same database, loaded side by side. Two processes differ by several % in CPU
      // per request whatever their settings, so each one's whoami is taken relative to its own ping (which counts
      // nothing): the figure is (whoami ÷ ping, counting) ÷ (whoami ÷ ping, not counting).
      const counted = await startApi(db);
      const uncounted = await startApi(db, { TPTM_KEY_USAGE_COUNTING: 'false' });
      servers.push(counted, uncounted);
      const on = { url: counted.url, pid: counted.pid };
      const off = { url: uncounted.url, pid: uncounted.pid };
      for (const request of [whoami, ping]) await sideBySide({ ...request, ...on }, { ...request, ...off }, 1);
      const paired = [];
      for (let i = 0; i < ROUNDS; i++) {
        paired.push({
          whoami: await sideBySide({ ...whoami, ...on }, { ...whoami, ...off }),
          ping: await sideBySide({ ...ping, ...on }, { ...ping, ...off }),
        });
      }
      await Promise.all([counted.stop(), uncounted.stop()]);
      servers.splice(-2);
      const cpu = (select) => median(paired.map((r) => select(r).cpuMicrosPerRequest));
      const costRatio = median(
        paired.map(
          (r) => r.whoami.a.cpuMicrosPerRequest / r.ping.a.cpuMicrosPerRequest / (r.whoami.b.cpuMicrosPerRequest / r.ping.b.cpuMicrosPerRequest),
        ),
      );
      report('server CPU per whoami, counting on ÷ off (each relative to its own ping)', fmt(costRatio, 3), '≤ 1.02', costRatio <= 1.02);
      report(
        `server CPU per request at ${PAIRED_RATE} req/s, whoami / ping`,
        `counting ${fmt(
          cpu((r) => r.whoami.a),
          1,
        )} / ${fmt(
          cpu((r) => r.ping.a),
          1,
        )} µs, ` +
          `not counting ${fmt(
            cpu((r) => r.whoami.b),
            1,
          )} / ${fmt(
            cpu((r) => r.ping.b),
            1,
          )} µs`,
      );
      // The counting itself, timed in this process: what the servers' figure cannot resolve below its noise.
      const record = await nanosPerRecord();
      report(
        'UsageTracker.record() counting on / off',
        `${fmt(record.on, 1)} / ${fmt(record.off, 1)} ns: counting adds ${fmt(record.on - record.off, 1)} ns, ` +
          `${fmt(((record.on - record.off) / 1000 / cpu((r) => r.whoami.b)) * 100, 3)}% of a whoami`,
      );
    }
  }

  if (ONLY.includes(2)) {
    console.log('2. Cold path: the same with the cache disabled (one indexed lookup per request)');
    const cold = await startApi(db, { TPTM_KEY_CACHE_MAX_ENTRIES: '0' });
    servers.push(cold);
    const rounds = await abRounds({ ...whoami, url: cold.url, pid: cold.pid }, { ...ping, url: cold.url, pid: cold.pid });
    const ratio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio cold whoami/ping', fmt(ratio), '≥ 0.5', ratio >= 0.5);
    const coldP50 = median(rounds.map((r) => r.a.latency.p50));
    report('cold whoami latency p50', `${fmt(coldP50)} ms`, '≤ 3 ms', coldP50 <= 3);
    report('cold whoami latency p99', `${fmt(median(rounds.map((r) => r.a.latency.p99)))} ms`);
    report(
      'server CPU per request cold whoami / ping',
      `${fmt(median(rounds.map((r) => r.a.cpuMicrosPerRequest)), 1)} / ${fmt(median(rounds.map((r) => r.b.cpuMicrosPerRequest)), 1)} µs`,
    );
    const versus = await abRounds({ ...whoami, url: server.url, pid: server.pid }, { ...whoami, url: cold.url, pid: cold.pid });
    report('throughput ratio cached/cold whoami', fmt(median(versus.map((r) => throughput(r.a) / throughput(r.b)))));
    await cold.stop();
    servers.pop();
  }

  if (ONLY.includes(3)) {
    console.log('3. Floods of keys that must be refused (rate limit raised, so every request is checked)');
    const floods = {
      'well-formed unknown keys': (req) => ({ ...req, headers: { ...req.headers, 'x-api-key': generateApiKey().key } }),
      'bad-checksum keys': (req) => {
        const k = generateApiKey().key;
        return { ...req, headers: { ...req.headers, 'x-api-key': `${k.slice(0, -1)}${k.at(-1) === 'a' ? 'b' : 'a'}` } };
      },
    };
    for (const [label, setupRequest] of Object.entries(floods)) {
      const rounds = await abRounds(
        { url: server.url, pid: server.pid, path: whoami.path, setupRequest },
        { ...ping, url: server.url, pid: server.pid },
      );
      if (rounds.some((r) => r.a['2xx'] > 0)) throw new Error(`${label}: some were accepted`);
      report(`${label}: throughput ratio vs. ping`, fmt(median(rounds.map((r) => throughput(r.a) / throughput(r.b)))));
      if (db.client) {
        // PostgreSQL publishes an idle backend's counters up to 10 s late, hence the waits.
        await sleep(STATS_DELAY_MS);
        const before = await statementCount(db);
        const flood = await load(server.url, { path: whoami.path, setupRequest });
        await sleep(STATS_DELAY_MS);
        const statements = (await statementCount(db)) - before;
        report(`${label}: database statements per request`, fmt(statements / flood.requests.total, 3));
      }
    }
  }

  if (ONLY.includes(4)) {
    console.log(`4. Key list with ${LIST_KEYS.toLocaleString('en')} keys in one organization: deep page vs. first page, without and with q`);
    const listOrg = await call(server.url, '/api/v1/orgs', { method: 'POST', token, body: { name: 'Bench Many Keys' } });
    await seedKeys(db, server, token, listOrg.id, LIST_KEYS);
    const path = `/api/v1/orgs/${listOrg.id}/api-keys?limit=50`;
    const deepCursor = await cursorNear(server.url, token, listOrg.id, LIST_KEYS - 100);
    const headers = { authorization: `Bearer ${token}` };
    const rounds = await abRounds(
      { url: server.url, pid: server.pid, path: `${path}&cursor=${deepCursor}`, headers, connections: MANAGEMENT_CONNECTIONS },
      { url: server.url, pid: server.pid, path, headers, connections: MANAGEMENT_CONNECTIONS },
    );
    const ratio = median(rounds.map((r) => r.a.latency.p50 / r.b.latency.p50));
    report('deep page / first page latency (p50)', fmt(ratio), '≤ 1.5', ratio <= 1.5);
    const firstP50 = median(rounds.map((r) => r.b.latency.p50));
    const deepP50 = median(rounds.map((r) => r.a.latency.p50));
    report('first page latency p50', `${fmt(firstP50)} ms (p99 ${fmt(median(rounds.map((r) => r.b.latency.p99)))} ms)`, '≤ 10 ms', firstP50 <= 10);
    report('deep page latency p50', `${fmt(deepP50)} ms (p99 ${fmt(median(rounds.map((r) => r.a.latency.p99)))} ms)`, '≤ 10 ms', deepP50 <= 10);
    if (db.client) {
      // The statements the API runs for each page (token check, access read, the page), recorded from a server
      // of the same build and run by bare `pg` clients, as many as the API's connections, in alternating rounds.
      const first = await recordStatements(db, token, path);
      const deep = await recordStatements(db, token, `${path}&cursor=${deepCursor}`);
      console.log(`  (bare pg runs the ${first.length} statements of a page: ${first.map(summarizeStatement).join('; ')})`);
      const versus = await alternate(
        () => load(server.url, { url: server.url, pid: server.pid, path, headers, connections: MANAGEMENT_CONNECTIONS }),
        () => pgLoad(db, () => first),
      );
      const bareFirst = median(versus.map((r) => r.b.latency.p50));
      const firstRatio = median(versus.map((r) => r.a.latency.p50 / r.b.latency.p50));
      report('first page p50: API ÷ bare pg running the same SQL', `${fmt(firstRatio)} (bare pg ${fmt(bareFirst)} ms)`, '≤ 3', firstRatio <= 3);
      const versusDeep = await alternate(
        () =>
          load(server.url, { url: server.url, pid: server.pid, path: `${path}&cursor=${deepCursor}`, headers, connections: MANAGEMENT_CONNECTIONS }),
        () => pgLoad(db, () => deep),
      );
      const deepRatio = median(versusDeep.map((r) => r.a.latency.p50 / r.b.latency.p50));
      report(
        'deep page p50: API ÷ bare pg running the same SQL',
        `${fmt(deepRatio)} (bare pg ${fmt(median(versusDeep.map((r) => r.b.latency.p50)))} ms)`,
        '≤ 3',
        deepRatio <= 3,
      );
    }

    // Every other sort of the list: its own index, so a deep page costs what its first page does.
    for (const sort of ['createdAt', 'name', '-lastUsedAt', 'lastUsedAt', 'expiresAt']) {
      const sorted = `${path}&sort=${encodeURIComponent(sort)}`;
      const deepSorted = await cursorNear(server.url, token, listOrg.id, LIST_KEYS - 100, undefined, sort);
      const sortRounds = await abRounds(
        { url: server.url, pid: server.pid, path: `${sorted}&cursor=${deepSorted}`, headers, connections: MANAGEMENT_CONNECTIONS },
        { url: server.url, pid: server.pid, path: sorted, headers, connections: MANAGEMENT_CONNECTIONS },
      );
      const sortRatio = median(sortRounds.map((r) => r.a.latency.p50 / r.b.latency.p50));
      report(`sort=${sort}: deep page / first page latency (p50)`, fmt(sortRatio), '≤ 1.5', sortRatio <= 1.5);
    }
    if (db.client) {
      // `total` is one count over the organization's index, run beside the page on its own connection: what it costs
      // against the page's own statement, each alone on bare pg.
      const statements = await recordStatements(db, token, path);
      const count = statements.filter((statement) => /count\(\*\)/i.test(statement.text));
      const page = statements.filter((statement) => /api_key_list_/.test(JSON.stringify(statement)));
      if (count.length && page.length) {
        const versus = await alternate(
          () => pgLoad(db, () => count),
          () => pgLoad(db, () => page),
        );
        const countP50 = median(versus.map((r) => r.a.latency.p50));
        const pageP50 = median(versus.map((r) => r.b.latency.p50));
        report(
          `total: the count ÷ the page's own statement (bare pg p50)`,
          `${fmt(countP50 / pageP50)} (count ${fmt(countP50)} ms, page ${fmt(pageP50)} ms)`,
        );
      }
    }

    const searched = `${path}&q=${encodeURIComponent(LIST_Q)}`;
    const deepSearchCursor = await cursorNear(server.url, token, listOrg.id, LIST_KEYS - 100, LIST_Q);
    const searchRounds = await abRounds(
      { url: server.url, pid: server.pid, path: `${searched}&cursor=${deepSearchCursor}`, headers, connections: MANAGEMENT_CONNECTIONS },
      { url: server.url, pid: server.pid, path: searched, headers, connections: MANAGEMENT_CONNECTIONS },
    );
    const searchRatio = median(searchRounds.map((r) => r.a.latency.p50 / r.b.latency.p50));
    report(`with q=${LIST_Q}: deep page / first page latency (p50)`, fmt(searchRatio), '≤ 1.5', searchRatio <= 1.5);
    report(
      `with q=${LIST_Q}: first page latency p50 / p99`,
      `${fmt(median(searchRounds.map((r) => r.b.latency.p50)))} / ${fmt(median(searchRounds.map((r) => r.b.latency.p99)))} ms`,
    );
  }

  if (ONLY.includes(5)) {
    console.log('5. Creating keys');
    let n = 0;
    const create = () =>
      load(server.url, {
        path: `/api/v1/orgs/${orgId}/api-keys`,
        method: 'POST',
        connections: MANAGEMENT_CONNECTIONS,
        seconds: Math.max(SECONDS, 2),
        pid: server.pid,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: `Bench create ${process.pid}-${n++}` }) }),
      });
    if (db.client) {
      // The statements of one create (token check, access read, the key and its audit event in one transaction),
      // recorded and replayed by bare `pg` with fresh ids, name and digest each time.
      const name = `Recorded create ${randomBytes(4).toString('hex')}`;
      const recorded = await recordStatements(db, token, `/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', body: { name } });
      console.log(`  (bare pg runs the ${recorded.length} statements of a create: ${recorded.map(summarizeStatement).join('; ')})`);
      const fresh = freshCreate(recorded, name, [orgId]);
      const rounds = await alternate(create, () => pgLoad(db, fresh));
      if (rounds.some((r) => non2xx(r.a) > 0)) throw new Error('some creates failed');
      const p50 = median(rounds.map((r) => r.a.latency.p50));
      report(
        `create-key latency p50 on ${db.kind}`,
        `${fmt(p50)} ms (p99 ${fmt(median(rounds.map((r) => r.a.latency.p99)))} ms)`,
        '≤ 15 ms',
        p50 <= 15,
      );
      const ratio = median(rounds.map((r) => r.a.latency.p50 / r.b.latency.p50));
      report(
        'create p50: API ÷ bare pg running the same SQL',
        `${fmt(ratio)} (bare pg ${fmt(median(rounds.map((r) => r.b.latency.p50)))} ms)`,
        '≤ 3',
        ratio <= 3,
      );
    } else {
      const result = await create();
      if (non2xx(result) > 0) throw new Error(`${non2xx(result)} creates failed`);
      report(
        `create-key latency p50 / p99 on ${db.kind}`,
        `${fmt(result.latency.p50)} / ${fmt(result.latency.p99)} ms (${result.requests.total} keys)`,
      );
    }
  }

  if (ONLY.includes(6)) {
    console.log('6. The Nest app vs. a bare node:http server answering the same JSON');
    const bare = await startBareServer();
    servers.push(bare);
    const rounds = await abRounds({ ...ping, url: server.url, pid: server.pid }, { path: '/', url: bare.url, pid: bare.pid });
    const ratio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio Nest ping / bare node:http', fmt(ratio), '≥ 0.7', ratio >= 0.7);
    report(
      'server CPU per request Nest ping / bare',
      `${fmt(median(rounds.map((r) => r.a.cpuMicrosPerRequest)), 1)} / ${fmt(median(rounds.map((r) => r.b.cpuMicrosPerRequest)), 1)} µs`,
    );
    report('bare node:http throughput (last round)', `${Math.round(throughput(rounds.at(-1).b))} req/s`);

    // whoami (warm cache) against a bare server writing whoami's own answer: all the API adds to a key check.
    const answer = await (await fetch(`${server.url}${whoami.path}`, { headers: whoami.headers })).json();
    const bareWhoami = await startBareServer(answer);
    servers.push(bareWhoami);
    const whoamiRounds = await abRounds({ ...whoami, url: server.url, pid: server.pid }, { path: '/', url: bareWhoami.url, pid: bareWhoami.pid });
    const whoamiRatio = median(whoamiRounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio Nest whoami / bare node:http answering the same JSON', fmt(whoamiRatio), '≥ 0.6', whoamiRatio >= 0.6);
    report(
      'server CPU per request Nest whoami / bare',
      `${fmt(median(whoamiRounds.map((r) => r.a.cpuMicrosPerRequest)), 1)} / ${fmt(median(whoamiRounds.map((r) => r.b.cpuMicrosPerRequest)), 1)} µs`,
    );
  }

  if (ONLY.includes(7)) {
    console.log('7. Runtime limits: a rate limit never reached, allowed addresses, accuracy across instances');
    const limitedKey = await call(server.url, `/api/v1/orgs/${orgId}/api-keys`, {
      method: 'POST',
      token,
      body: { name: 'Bench key, limited', rateLimit: { requests: 1_000_000, windowSeconds: 86_400 } },
    });
    const limited = { ...whoami, headers: { 'x-api-key': limitedKey.key } };
    const rounds = await abRounds({ ...limited, url: server.url, pid: server.pid }, { ...whoami, url: server.url, pid: server.pid });
    const ratio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio whoami with a limit never reached / without, one instance', fmt(ratio), '≥ 0.9', ratio >= 0.9);
    report(
      'server CPU per request with / without a limit',
      `${fmt(median(rounds.map((r) => r.a.cpuMicrosPerRequest)), 1)} / ${fmt(median(rounds.map((r) => r.b.cpuMicrosPerRequest)), 1)} µs`,
    );

    if (!db.client) {
      console.log('  two instances: skipped (the embedded database takes one server at a time)');
    } else {
      // Both instances loaded at once with the limited key, then with the unlimited one, alternating: they share the budget.
      const second = await startApi(db);
      servers.push(second);
      const both = async (request) => {
        const [ra, rb] = await Promise.all([
          load(server.url, { ...request, pid: server.pid, connections: CONNECTIONS / 2 }),
          load(second.url, { ...request, pid: second.pid, connections: CONNECTIONS / 2 }),
        ]);
        return throughput(ra) + throughput(rb);
      };
      await both(limited);
      await both(whoami);
      const pairs = [];
      for (let i = 0; i < ROUNDS; i++) {
        const withLimit = i % 2 === 0 ? await both(limited) : undefined;
        const without = await both(whoami);
        pairs.push((withLimit ?? (await both(limited))) / without);
      }
      const twoRatio = median(pairs);
      report('throughput ratio with / without a limit, two instances on PostgreSQL', fmt(twoRatio), '≥ 0.85', twoRatio >= 0.85);
      await second.stop();
      servers.pop();
    }

    const { IpAllowlist } = await authModule('ip-allowlist.js');
    const ranges = Array.from({ length: 100 }, (_, i) => (i % 2 ? `2001:db8:${i.toString(16)}::/48` : `10.${i}.0.0/16`));
    const allowlist = new IpAllowlist(ranges);
    const calls = smoke ? 10_000 : 200_000;
    const loops = [];
    // The worst case: an address in none of the 100 ranges, so every one is compared.
    for (let loop = 0; loop < 9; loop++) {
      const startedAt = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) allowlist.allows('192.0.2.1');
      loops.push(Number(process.hrtime.bigint() - startedAt) / calls / 1000);
    }
    const micros = median(loops);
    report('allowed-address check against 100 ranges, address in none', `${fmt(micros, 2)} µs per request`, '< 20 µs', micros < 20);

    const windows = smoke ? 2 : 20;
    for (const instances of db.client ? [2, 4] : []) {
      const { id } = await call(server.url, `/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: `Accuracy ${instances}` } });
      const accuracy = await limitAccuracy(db, id, instances, windows);
      report(
        `accepted ÷ limit per 1-s window, ${instances} limiters on one PostgreSQL, ${windows} windows at 3 × the limit`,
        `${fmt(accuracy.min, 3)}–${fmt(accuracy.max, 3)}; most in any 1-s interval ${fmt(accuracy.mostInAnyWindow, 3)}`,
        '0.95–1.05',
        accuracy.min >= 0.95 && accuracy.max <= 1.05 && accuracy.mostInAnyWindow <= 1.05,
      );
    }
  }

  if (ONLY.includes(8)) {
    console.log('8. Safe retries: create and roll with an Idempotency-Key (a fresh one each) / without');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let n = 0;
    const write = (path, body, idempotent) => () =>
      load(server.url, {
        path: typeof path === 'function' ? path() : path,
        method: 'POST',
        // One client: what the header adds to a request, not how requests queue on a busy machine.
        connections: 1,
        seconds: Math.max(SECONDS, 2),
        pid: server.pid,
        headers,
        setupRequest: (req) => ({
          ...req,
          path: typeof path === 'function' ? path() : path,
          headers: idempotent ? { ...headers, 'idempotency-key': randomUUID() } : headers,
          body: JSON.stringify(body()),
        }),
      });
    const keysPath = `/api/v1/orgs/${orgId}/api-keys`;
    const createBody = () => ({ name: `Bench retry ${process.pid}-${n++}` });
    // Rolls spread over as many keys as clients, so each waits on its own key's lock rather than another's.
    const rolled = [];
    for (let i = 0; i < MANAGEMENT_CONNECTIONS; i++)
      rolled.push((await call(server.url, keysPath, { method: 'POST', token, body: { name: `Bench rolled ${i}` } })).id);
    let next = 0;
    const rollPath = () => `${keysPath}/${rolled[next++ % rolled.length]}/roll`;
    const rollBody = () => ({ gracePeriodSeconds: 0 });
    for (const [what, path, body] of [
      ['create', keysPath, createBody],
      ['roll', rollPath, rollBody],
    ]) {
      const rounds = await alternate(write(path, body, true), write(path, body, false));
      if (rounds.some((r) => non2xx(r.a) + non2xx(r.b) > 0)) throw new Error(`some ${what}s failed`);
      const ratio = median(rounds.map((r) => r.a.latency.p50 / r.b.latency.p50));
      report(
        `${what} latency p50 with / without Idempotency-Key on ${db.kind}`,
        `${fmt(ratio)} (${fmt(median(rounds.map((r) => r.a.latency.p50)))} / ${fmt(median(rounds.map((r) => r.b.latency.p50)))} ms)`,
        '≤ 1.15',
        ratio <= 1.15,
      );
      const throughputRatio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
      report(`${what} throughput with / without Idempotency-Key`, fmt(throughputRatio));
    }
  }

  if (ONLY.includes(9)) {
    console.log('9. Key verification for other services: verify vs. whoami, a cached middleware, revocation to a remote cache, idle streams');
    const verify = {
      path: '/api/v1/keys/verify',
      method: 'POST',
      headers: { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    };
    const rounds = await abRounds({ ...verify, url: server.url, pid: server.pid }, { ...whoami, url: server.url, pid: server.pid });
    const ratio = median(rounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio verify/whoami', fmt(ratio), '≥ 0.9', ratio >= 0.9);
    report('verify throughput (last round)', `${Math.round(throughput(rounds.at(-1).a))} req/s, non-2xx ${non2xx(rounds.at(-1).a)}`);

    // An Express app behind tptmApiKeyAuth (warm cache) against the same app without it.
    const sdkEntry = join(here, '..', '..', 'sdk', 'dist', 'esm', 'index.js');
    const appSource = (guarded) => `
      const express = require('express');
      import(${JSON.stringify(sdkEntry)}).then(({ tptmApiKeyAuth }) => {
        const app = express();
        const auth = tptmApiKeyAuth({ baseUrl: ${JSON.stringify(server.url)}, serviceToken: ${JSON.stringify(serviceToken)} });
        app.get('/hello', ...(${guarded} ? [auth] : []), (req, res) => res.json({ hello: 'world' }));
        const listener = app.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + listener.address().port })));
        process.on('SIGTERM', () => { auth.close(); listener.close(() => process.exit(0)); });
      });`;
    const startExpress = (guarded) => {
      const [command, commandArgs] = pinned([RUNTIME, '-e', appSource(guarded)]);
      const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(here, '..', '..') });
      return new Promise((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          resolve({
            url: JSON.parse(line).url,
            pid: child.pid,
            stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
          });
        });
      });
    };
    const guarded = await startExpress(true);
    const bare = await startExpress(false);
    servers.push(guarded, bare);
    const hello = { path: '/hello', headers: { 'x-api-key': key } };
    const expressRounds = await abRounds({ ...hello, url: guarded.url, pid: guarded.pid }, { ...hello, url: bare.url, pid: bare.pid });
    const expressRatio = median(expressRounds.map((r) => throughput(r.a) / throughput(r.b)));
    report('throughput ratio Express behind tptmApiKeyAuth (cached) / without', fmt(expressRatio), '≥ 0.9', expressRatio >= 0.9);

    if (!db.client) {
      console.log('  revocation to a remote cache: skipped (measured on PostgreSQL, across two instances)');
    } else {
      // A key deleted through one instance; the middleware, streaming from another, refuses it: time until the first 401.
      const second = await startApi(db);
      servers.push(second);
      const remote = await (async () => {
        const [command, commandArgs] = [RUNTIME, ['-e', appSource(true).replace(JSON.stringify(server.url), JSON.stringify(second.url))]];
        const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'], cwd: join(here, '..', '..') });
        return new Promise((resolve) => {
          createInterface({ input: child.stdout }).on('line', (line) =>
            resolve({
              url: JSON.parse(line).url,
              pid: child.pid,
              stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
            }),
          );
        });
      })();
      servers.push(remote);
      const trials = smoke ? 5 : 100;
      const lags = [];
      for (let i = 0; i < trials; i++) {
        const made = await call(server.url, `/api/v1/orgs/${orgId}/api-keys`, { method: 'POST', token, body: { name: `Revoked ${i}` } });
        const ask = () => fetch(`${remote.url}/hello`, { headers: { 'x-api-key': made.key } }).then((r) => r.status);
        if ((await ask()) !== 200) throw new Error('the middleware refused a live key');
        await sleep(20);
        const deletedAt = performance.now();
        await fetch(`${server.url}/api/v1/orgs/${orgId}/api-keys/${made.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
        while ((await ask()) === 200) await sleep(1);
        lags.push(performance.now() - deletedAt);
      }
      lags.sort((a, b) => a - b);
      const p = (q) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)];
      report(
        `revocation to a remote middleware cache (delete answered → first 401), ${trials} trials, two instances on PostgreSQL`,
        `p50 ${fmt(p(0.5), 1)} ms, p99 ${fmt(p(0.99), 1)} ms`,
        'p99 ≤ 100 ms',
        p(0.99) <= 100,
      );
    }

    // 1,000 open streams held by one instance, idle: what they add to its memory and CPU.
    const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
    const count = smoke ? 100 : 1_000;
    await sleep(2_000);
    const rssBefore = rss(server.pid);
    const cpuIdle = cpuMicros(server.pid);
    await sleep(10_000);
    const idleCpu = cpuMicros(server.pid) - cpuIdle;
    const http = await import('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const open = [];
    for (let i = 0; i < count; i++) {
      open.push(
        await new Promise((resolve, reject) => {
          const request = http.request(
            `${server.url}/api/v1/keys/revocations`,
            { agent, headers: { authorization: `Bearer ${serviceToken}` } },
            (response) => {
              response.once('data', () => resolve(request));
            },
          );
          request.on('error', reject);
          request.end();
        }),
      );
    }
    await sleep(2_000);
    const rssWith = rss(server.pid);
    const cpuOpen = cpuMicros(server.pid);
    await sleep(10_000);
    const openCpu = cpuMicros(server.pid) - cpuOpen;
    for (const request of open) request.destroy();
    agent.destroy();
    report(
      `${count} idle revocation streams on one instance`,
      `+${fmt(rssWith - rssBefore, 1)} MiB resident, CPU ${fmt(openCpu / 10_000 / 10, 3)}% vs. ${fmt(idleCpu / 10_000 / 10, 3)}% of a core without them (10 s each)`,
    );
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await db.drop();
}

console.log(`\nDone in ${Math.round((Date.now() - started) / 1000)} s.`);
const missed = results.filter((r) => r.goal && !r.met);
if (missed.length) console.log(`Goals not met: ${missed.map((r) => r.figure).join('; ')}`);

// -------------------------------------------------------------- key seeding

/** Inserts keys straight into the database (creating 100,000 through the API would take minutes). */
async function seedKeys(db, server, token, organizationId, count) {
  const sql = `
    insert into api_key (id, organization_id, name, digest, masked_key, created_by_id, created_at)
    select gen_random_uuid(), $1, 'Seeded key ' || i, md5(random()::text || i) || md5(i::text), 'tptm_seed…' || lpad((i % 10000)::text, 4, '0'),
           null, now() - (i * interval '1 millisecond')
      from generate_series(1, $2::int) as i`;
  if (db.client) {
    await db.client.query(sql, [organizationId, count]);
    await db.client.query('analyze api_key');
    return;
  }
  // The running server holds the embedded database, so its keys are created through the API.
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, (_, j) =>
        call(server.url, `/api/v1/orgs/${organizationId}/api-keys`, { method: 'POST', token, body: { name: `Seeded key ${i + j}` } }),
      ),
    );
  }
}

async function cursorNear(url, token, organizationId, position, q, sort) {
  // Walk with the largest pages to find a cursor deep in the list (of the keys matching q, if given, in that sort).
  let cursor = null;
  let seen = 0;
  const search = `${q ? `&q=${encodeURIComponent(q)}` : ''}${sort ? `&sort=${encodeURIComponent(sort)}` : ''}`;
  while (seen < position) {
    const page = await call(url, `/api/v1/orgs/${organizationId}/api-keys?limit=100${search}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    seen += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return cursor;
}

// ------------------------------------------------- the same SQL on bare pg

/**
 * The statements one request runs, as the server sends them (values inlined by MikroORM, or parameters of a named prepared
 * statement): recorded by a server of the same build started with record-sql.cjs, from the second of two identical requests
 * (the first warms it up).
 */
async function recordStatements(db, token, path, { method = 'GET', body } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'tptm-sql-')), 'statements.jsonl');
  const recorder = await startApi(db, { TPTM_RECORD_SQL: file }, ['-r', RECORDER]);
  try {
    const warmUp = body && { ...body, name: `${body.name} (warm-up)` };
    await call(recorder.url, path, { method, token, body: warmUp });
    await sleep(200);
    writeFileSync(file, '');
    await call(recorder.url, path, { method, token, body });
    await sleep(200);
  } finally {
    await recorder.stop();
  }
  const statements = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  rmSync(dirname(file), { recursive: true, force: true });
  return statements.filter((s) => !BACKGROUND.test(s.text));
}

function summarizeStatement({ text }) {
  const t = text.replace(/\s+/g, ' ').trim();
  return /^(begin|commit|rollback)/i.test(t)
    ? t.replace(/;$/, '')
    : `${t.split(' ')[0].toLowerCase()} …${/\b(from|into)\s+"?(\w+)"?/i.exec(t)?.[2] ?? ''}`;
}

/**
 * A create's statements with fresh values each time: every quoted UUID but the organization's and the user's, the
 * key's name and its digest (64 hex digits), as a new create would have.
 */
function freshCreate(statements, name, keep) {
  const texts = statements.map((s) => s.text);
  // The user's and session's ids, sent as parameters of the token and access checks (or inlined, by older builds).
  const userIds = new Set([
    ...texts.flatMap((t) => [...t.matchAll(/user_id = '([0-9a-f-]{36})'/g)].map((m) => m[1])),
    ...statements.flatMap((s) => s.values ?? []).filter((v) => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v)),
  ]);
  const kept = new Set([...keep, ...userIds]);
  const created = new Set(
    texts.flatMap((t) =>
      /^\s*insert/i.test(t) ? [...t.matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g)].map((m) => m[1]) : [],
    ),
  );
  for (const id of kept) created.delete(id);
  // The creating user's id appears in inserts too (created_by_id, actor_id): kept above.
  return () => {
    const ids = new Map([...created].map((id) => [id, randomUUID()]));
    const fresh = `Bare ${randomBytes(6).toString('hex')}`;
    const digest = createHash('sha256').update(randomBytes(16)).digest('hex');
    return statements.map((s) => ({
      ...s,
      text: s.text
        .replace(/'([0-9a-f-]{36})'/g, (all, id) => (ids.has(id) ? `'${ids.get(id)}'` : all))
        .replaceAll(`'${name}'`, `'${fresh}'`)
        .replace(/'[0-9a-f]{64}'/g, `'${digest}'`),
    }));
  };
}

/**
 * Runs `statements()` (each iteration's list) in a loop on MANAGEMENT_CONNECTIONS bare pg clients for SECONDS: the
 * same shape of result as load(), latency per iteration in ms.
 */
async function pgLoad(db, statements, seconds = SECONDS) {
  const url = db.env.DATABASE_URL;
  const clients = await Promise.all(
    Array.from({ length: MANAGEMENT_CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const times = [];
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < until) {
          const started = performance.now();
          for (const { name, text, values } of statements()) await client.query({ name, text, values: values?.length ? values : undefined });
          times.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { latency: { p50: at(0.5), p99: at(0.99) }, requests: { total: times.length, average: times.length / seconds }, non2xx: 0, errors: 0 };
}

/** Like abRounds, for any two loads: a warm-up of each, then ROUNDS rounds alternating which goes first. */
async function alternate(a, b) {
  await a();
  await b();
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      const ra = await a();
      rounds.push({ a: ra, b: await b() });
    } else {
      const rb = await b();
      rounds.push({ a: await a(), b: rb });
    }
  }
  return rounds;
}

// ------------------------------------------------------ rate-limit accuracy

/**
 * The limiter itself (from the build), as `instances` limiters with their own memory over the one database,
 * in real time: a key limited to 200 requests per second is sent 600 a second, spread evenly and round-robin
 * over them, for `windows` seconds. Decisions are timed where they are made, so no HTTP queueing on a busy
 * machine blurs them (the HTTP path is tested in multi-instance.spec.ts: 120 requests at once through two
 * servers admit exactly the limit). Answers accepted ÷ limit per whole second (after the first) and in any
 * second-long interval.
 */
async function limitAccuracy(db, apiKeyId, instances, windows) {
  const { MikroORM } = await import('@mikro-orm/core');
  const { ormOptions } = await import(join(dist, 'database', 'orm-options.js'));
  const { ENTITIES } = await import(join(dist, 'entities.js'));
  const { ApiKeyStore } = await authModule('api-key-store.js');
  const { RateLimiter } = await authModule('rate-limiter.js');
  const { Clock } = await import(join(dist, 'common', 'clock.js'));
  const orms = await Promise.all(
    Array.from({ length: instances }, () => MikroORM.init(ormOptions(db.env.DATABASE_URL, undefined, { entities: ENTITIES }))),
  );
  const limiters = orms.map((orm) => new RateLimiter(new ApiKeyStore(orm.em), new Clock()));
  const sweeper = setInterval(() => limiters.forEach((l) => void l.sweep()), 250);
  const policy = { requests: 200, windowSeconds: 1 };
  const rate = policy.requests * 3;
  const startedAt = performance.now();
  const accepted = [];
  const pending = [];
  try {
    for (let i = 0; i < rate * windows; i++) {
      const wait = startedAt + (i * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(
        Promise.resolve(limiters[i % instances].take(apiKeyId, policy)).then((d) => {
          if (d.allowed) accepted.push(performance.now() - startedAt);
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    clearInterval(sweeper);
    await Promise.all(limiters.map((l) => l.sweep()));
    await Promise.all(orms.map((orm) => orm.close()));
  }
  accepted.sort((a, b) => a - b);
  let most = 0;
  for (let from = 0, to = 0; to < accepted.length; to++) {
    while (accepted[from] <= accepted[to] - 1000) from++;
    most = Math.max(most, to - from + 1);
  }
  const perWindow = Array.from({ length: windows - 1 }, (_, w) => accepted.filter((at) => at >= (w + 1) * 1000 && at < (w + 2) * 1000).length);
  return { min: Math.min(...perWindow) / policy.requests, max: Math.max(...perWindow) / policy.requests, mostInAnyWindow: most / policy.requests };
}
