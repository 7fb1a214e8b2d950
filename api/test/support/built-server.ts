/**
 * The built API server (`api/dist/main.js`, what `npm start` runs) as a
 * process of its own, for the tests of every workspace: api/test,
 * sdk/test and admin-web/e2e each load this file by relative path, so it
 * imports nothing but Node. What a suite needs beyond a running server (its
 * database, its first-run owner, its requests) stays in that suite's helper.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** `api/dist`, as `npm run build` (or `npm run build:api`) leaves it. */
export const API_DIST = resolve(__dirname, '..', '..', 'dist');
export const BUILT_MAIN = join(API_DIST, 'main.js');

/** Environment for the server on top of the test's own; `undefined` removes a variable (DATABASE_URL, to stay on the embedded database). */
export type ServerEnv = Record<string, string | undefined>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BuiltServer {
  process: ChildProcess;
  /** `http://127.0.0.1:<port>`, as the server logged it once listening on the port the OS picked. */
  url: string;
  /** Every line the server wrote, stdout and stderr, as they came. */
  lines: string[];
  /** Resolves once the process has exited. */
  exited: Promise<Exit>;
  /** SIGTERM, then waits for the exit (SIGKILL if it takes longer than `stopTimeoutMs`); at once if it has exited already. */
  stop(): Promise<Exit>;
}

export interface StartOptions {
  /** How long the server has to log that it listens. Default 60 s. */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
}

/**
 * What every test server gets unless `env` says otherwise: a port the OS
 * picks, the info level (the listening line is what tells us it is up),
 * cheap password hashing, and failure limiters that tests calling with bad
 * credentials on purpose do not trip (the limiters have tests of their own).
 */
const TEST_DEFAULTS: ServerEnv = {
  PORT: '0',
  TPTM_LOG_LEVEL: 'info',
  TPTM_PASSWORD_HASH_COST: '10',
  TPTM_LOGIN_MAX_FAILURES: '100000',
  TPTM_KEY_MAX_FAILURES: '100000',
};

function environment(env: ServerEnv): NodeJS.ProcessEnv {
  const merged: ServerEnv = { ...process.env, ...TEST_DEFAULTS, ...env };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function assertBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (or \`npm run build:api\`) at the repository root first.`);
}

/** The URL in the server's "listening" log line (JSON, with `url`), if this line is that one. */
function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const url = (JSON.parse(line) as { url?: unknown }).url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `node api/dist/main.js` with `env`; resolves once it listens, rejects with its output if it exits or stays silent first. */
export async function startBuiltServer(env: ServerEnv = {}, options: StartOptions = {}): Promise<BuiltServer> {
  const { startTimeoutMs = 60_000, stopTimeoutMs = 10_000 } = options;
  assertBuilt(BUILT_MAIN);
  const child = spawn(process.execPath, [BUILT_MAIN], { env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  // 'close', not 'exit': by then every line it wrote has been read.
  const exited = new Promise<Exit>((done) => child.once('close', (code, signal) => done({ code, signal })));
  const output = () => lines.join('\n');

  const stop = async (): Promise<Exit> => {
    // No pid: it never started (spawn failed), and no exit will come.
    if (child.pid === undefined) return { code: null, signal: null };
    if (child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.kill('SIGTERM');
      await exited.finally(() => clearTimeout(kill));
    }
    return exited;
  };

  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`The server did not log that it listens within ${startTimeoutMs} ms:\n${output()}`)),
      startTimeoutMs,
    );
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
    };
    child.once('error', (error) => settle(() => fail(error)));
    void exited.then(({ code, signal }) => settle(() => fail(new Error(`The server exited (${signal ?? code}) before listening:\n${output()}`))));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const logged = listeningUrl(line);
      if (logged) settle(() => done(logged));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return { process: child, url, lines, exited, stop };
}

/** Runs a built command-line script (`cli/migrate.js`, …) with the same environment rules, to completion; rejects with its output unless it exits 0. */
export function runBuiltCli(script: string, env: ServerEnv = {}): Promise<void> {
  const file = join(API_DIST, script);
  assertBuilt(file);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [file], { env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`${script} exited with ${signal ?? code}:\n${output}`))));
  });
}

/**
 * The built server on a new embedded database in a temporary folder,
 * migrated first as `npm start` does, whatever DATABASE_URL the calling
 * shell holds; `stop()` deletes the folder once the server has exited.
 */
export async function startOnNewEmbeddedDatabase(env: ServerEnv = {}, options: StartOptions = {}): Promise<BuiltServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tptm-test-'));
  const onIt: ServerEnv = { ...env, TPTM_DATA_DIR: dataDir, DATABASE_URL: undefined };
  const removeData = () => rm(dataDir, { recursive: true, force: true });
  try {
    await runBuiltCli(join('cli', 'migrate.js'), onIt);
    const server = await startBuiltServer(onIt, options);
    return {
      ...server,
      async stop() {
        const exit = await server.stop();
        await removeData();
        return exit;
      },
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}
