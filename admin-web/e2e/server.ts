import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  organizationName: string;
  stop(): Promise<void>;
}

/**
 * The server exactly as `npm start` runs it (api/dist, with the built console),
 * on a new embedded database in a temporary folder and a port the OS picks;
 * `extraEnv` adds settings (say, recording key usage sooner).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tptm-e2e-'));
  const adminEmail = 'admin@example.com';
  const adminPassword = 'e2e-admin-password-1234';
  const organizationName = 'Acme Robotics';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TPTM_DATA_DIR: dataDir,
    TPTM_ADMIN_EMAIL: adminEmail,
    TPTM_ADMIN_PASSWORD: adminPassword,
    TPTM_ORG_NAME: organizationName,
    TPTM_PASSWORD_HASH_COST: '10',
    TPTM_LOGIN_MAX_FAILURES: '1000',
    TPTM_KEY_MAX_FAILURES: '1000',
    HOST: '127.0.0.1',
    PORT: '0',
    ...extraEnv,
  };
  // The embedded database, whatever the calling shell points at.
  delete env['DATABASE_URL'];
  execFileSync(process.execPath, [join(REPO_ROOT, 'api/dist/cli/migrate.js')], { env, stdio: 'ignore' });

  const child = spawn(process.execPath, [join(REPO_ROOT, 'api/dist/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s:\n${output.join('')}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output.join('')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          clearTimeout(timer);
          resolveUrl(entry.url);
        }
      } catch {
        // Not a log line.
      }
    });
  });

  return {
    url,
    adminEmail,
    adminPassword,
    organizationName,
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
