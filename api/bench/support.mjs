// What the benchmark scripts (bench.mjs, ab.mjs, profile.mjs) share: a throwaway
// database, the built server started on it, core pinning and CPU accounting.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

/** The first-run Owner's password on every benchmark database. */
export const PASSWORD = 'bench-password-1234';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** Servers go on core 0 and the load generator on core 1, where `taskset` and a second core exist. */
export const canPin = cpus().length > 1 && spawnSync('taskset', ['-V']).status === 0;

/** Moves this process, the load generator, to core 1. */
export function pinLoadGenerator() {
  if (canPin) spawnSync('taskset', ['-cp', '1', String(process.pid)]);
}

/** `[command, args]` that run `command` on core 0 when pinning is possible. */
export const pinned = (command) => (canPin ? ['taskset', ['-c', '0', ...command]] : [command[0], command.slice(1)]);

/**
 * A throwaway database, dropped by `drop()`: on the PostgreSQL server in
 * DATABASE_URL (with an open `client` on it), or else an embedded one in a
 * temporary directory. `env` is what a server needs to use it.
 */
export async function createDatabase(prefix) {
  if (!process.env.DATABASE_URL) {
    const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    return { env: { TPTM_DATA_DIR: dataDir }, kind: 'embedded PGlite', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `${prefix.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    env: { DATABASE_URL: url.toString(), TPTM_JWT_SECRET: randomBytes(32).toString('hex'), TPTM_IDEMPOTENCY_SECRET: randomBytes(32).toString('hex') },
    kind: 'PostgreSQL',
    name,
    client,
    async drop() {
      await client.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** What every benchmark server is started with: the database, a known Owner password, no key-failure limit, a free port. */
export function serverEnv(db, extraEnv = {}) {
  return { ...process.env, ...db.env, TPTM_ADMIN_PASSWORD: PASSWORD, TPTM_KEY_MAX_FAILURES: '1000000', PORT: '0', ...extraEnv };
}

/** Applies the migrations of the build in `dist` to the database. */
export function migrate(dist, db) {
  const migrated = spawnSync(process.execPath, [join(dist, 'cli', 'migrate.js')], { env: serverEnv(db), stdio: 'inherit' });
  if (migrated.status !== 0) throw new Error('migration failed');
}

/** Starts `dist/main.js` on `runtime`, pinned; resolves with its URL and pid once it listens. */
export function startServer({ runtime, dist, db, extraEnv = {}, nodeOptions = [] }) {
  const [command, commandArgs] = pinned([runtime, ...nodeOptions, join(dist, 'main.js')]);
  const child = spawn(command, commandArgs, { env: serverEnv(db, extraEnv), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = line.startsWith('{') ? JSON.parse(line).url : undefined;
      if (!url) return;
      // From here on the request log is drained unread, so the load generator spends nothing on it.
      lines.close();
      child.stdout.resume();
      resolve({ url, pid: child.pid, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
  });
}

/** One JSON call to the API; throws on anything but a 2xx. */
export async function call(url, path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** CPU time (user + system) a process has used, from /proc; NaN where there is no /proc. */
export function cpuMicros(pid) {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
  } catch {
    return NaN;
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
