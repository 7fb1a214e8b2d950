import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const API_DIST = resolve(__dirname, '..', '..', 'api', 'dist');

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'sdk-test-admin-password';
export const ORG_NAME = 'SDK Test Org';

export interface LiveServer {
  /** `http://127.0.0.1:<port>`, a port the OS picked. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The built API (`api/dist`) as its own process on a fresh embedded database
 * in a temporary folder: the server customers run, reached over real HTTP.
 */
export async function startLiveServer(): Promise<LiveServer> {
  if (!existsSync(join(API_DIST, 'main.js'))) {
    throw new Error(`No built API at ${API_DIST}; run \`npm run build\` at the repository root.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tptm-sdk-test-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TPTM_DATA_DIR: dataDir,
    TPTM_ADMIN_EMAIL: ADMIN_EMAIL,
    TPTM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TPTM_ORG_NAME: ORG_NAME,
    PORT: '0',
    HOST: '127.0.0.1',
    TPTM_LOG_LEVEL: 'info',
    TPTM_PASSWORD_HASH_COST: '10',
    // The error tests make failed calls on purpose; the limiter is tested with the API.
    TPTM_LOGIN_MAX_FAILURES: '1000',
    TPTM_KEY_MAX_FAILURES: '1000',
  };
  // Always the embedded database, whatever the surrounding shell points at.
  delete env.DATABASE_URL;

  await runToCompletion([join(API_DIST, 'cli', 'migrate.js')], env);
  const server = spawn(process.execPath, [join(API_DIST, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  server.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`The server did not start within 60 s:\n${output.join('')}`)), 60_000);
    void exited.then((code) => fail(new Error(`The server exited with ${code} before listening:\n${output.join('')}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      const logged = parseJson(line);
      if (typeof logged?.url === 'string') {
        clearTimeout(timer);
        done(logged.url);
      }
    });
  }).catch(async (error: unknown) => {
    server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });

  return {
    url,
    async stop() {
      server.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function runToCompletion(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
