import { request as httpRequest } from 'node:http';
import { OWNER_EMAIL, OWNER_PASSWORD } from './harness';
import { type BuiltServer, type ServerEnv, startBuiltServer } from './support/built-server';

export type ServerProcess = BuiltServer;

/**
 * The built server (`npm run build`), run as its own process the way
 * production runs it, on the database `env` names and a random port, with the
 * API tests' first-run owner; resolves once it listens.
 */
export function startServerProcess(env: ServerEnv): Promise<ServerProcess> {
  return startBuiltServer({ TPTM_ADMIN_EMAIL: OWNER_EMAIL, TPTM_ADMIN_PASSWORD: OWNER_PASSWORD, ...env });
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
