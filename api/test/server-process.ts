import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { OWNER_EMAIL, OWNER_PASSWORD } from './harness';

/** The built server (`npm run build`), run as its own process the way production runs it. */
export const MAIN = join(__dirname, '..', 'dist', 'main.js');

export interface ServerProcess {
  process: ChildProcess;
  url: string;
  /** Every line the server wrote to stdout. */
  lines: string[];
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/main.js` on the given database with a random port; resolves once it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      TPTM_ADMIN_EMAIL: OWNER_EMAIL,
      TPTM_ADMIN_PASSWORD: OWNER_PASSWORD,
      TPTM_PASSWORD_HASH_COST: '10',
      TPTM_KEY_MAX_FAILURES: '100000',
      TPTM_LOGIN_MAX_FAILURES: '100000',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.on('data', (chunk) => lines.push(String(chunk)));
  return new Promise((resolve, reject) => {
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const url = line.startsWith('{') ? (JSON.parse(line) as { url?: string }).url : undefined;
      if (url) resolve({ process: child, url, lines, exited });
    });
  });
}

export interface Outcome {
  status?: number;
  body?: string;
  /** A network error instead of a response: ECONNREFUSED, ECONNRESET… */
  error?: string;
}

/**
 * One request on a connection of its own (no keep-alive), so that once the
 * server stops listening a request either was accepted and is answered, or
 * was refused before anything was read.
 */
export function send(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = httpRequest(
      `${url}${path}`,
      { method, agent: false, headers: { ...headers, ...(payload && { 'Content-Type': 'application/json' }) } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body: text }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.end(payload);
  });
}
