// The SDK's transport against small HTTP and TCP servers on 127.0.0.1 that
// each test starts: errors, timeouts, cancellation, retries, request ids,
// path encoding, strict JSON, User-Agent and a supplied fetch.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  AuditAction,
  createTptmClient,
  isTptmApiError,
  isTptmConnectionError,
  SDK_VERSION,
  TptmApiError,
  TptmConnectionError,
  TptmUsageError,
  type TptmFetch,
  type TptmLogEvent,
} from '@tptm/sdk';

const KEY = `tptm_${'A'.repeat(46)}`;
const PROBLEM = { type: 'urn:tptm:problem:test', title: 'Test problem', status: 400, detail: 'Something was off.' };

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An HTTP server on 127.0.0.1 answering with `handler`, recording each request it gets. */
async function httpServer(handler: (request: Seen, response: ServerResponse, index: number) => void) {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body };
      seen.push(entry);
      handler(entry, response, seen.length - 1);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A TCP server that accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('TptmApiError', () => {
  it('carries the request id (also in the message), Retry-After in seconds, and the headers', async () => {
    const server = await httpServer((_seen, response) =>
      json(response, 400, PROBLEM, { 'x-request-id': 'req-42', 'retry-after': '120', 'x-extra': 'yes' }),
    );
    try {
      const error = await rejectionOf(createTptmClient({ baseUrl: server.url }).health.getHealth());

      expect(isTptmApiError(error)).toBe(true);
      const apiError = error as TptmApiError;
      expect(apiError.requestId).toBe('req-42');
      expect(apiError.retryAfter).toBe(120);
      expect(apiError.headers).toMatchObject({ 'x-request-id': 'req-42', 'x-extra': 'yes' });
      expect(apiError.message).toBe('400 Test problem: Something was off. (request req-42)');
      expect(apiError.body).toEqual(PROBLEM);
    } finally {
      await server.close();
    }
  });

  it('reads a Retry-After given as an HTTP date, and is null without the headers', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const server = await httpServer((_seen, response, index) =>
      index === 0 ? json(response, 400, PROBLEM, { 'retry-after': at }) : json(response, 400, PROBLEM),
    );
    try {
      const client = createTptmClient({ baseUrl: server.url });
      const dated = (await rejectionOf(client.health.getHealth())) as TptmApiError;
      expect(dated.retryAfter).toBeGreaterThanOrEqual(28);
      expect(dated.retryAfter).toBeLessThanOrEqual(31);

      const bare = (await rejectionOf(client.health.getHealth())) as TptmApiError;
      expect(bare.retryAfter).toBeNull();
      expect(bare.message).toBe('400 Test problem: Something was off.');
    } finally {
      await server.close();
    }
  });
});

describe('TptmConnectionError', () => {
  it('is what a refused connection rejects with, its cause the fetch error', async () => {
    const client = createTptmClient({ baseUrl: await closedPortUrl(), maxRetries: 0 });

    const error = await rejectionOf(client.health.getHealth());

    expect(isTptmConnectionError(error)).toBe(true);
    expect(isTptmApiError(error)).toBe(false);
    const connection = error as TptmConnectionError;
    expect(connection.name).toBe('TptmConnectionError');
    expect(connection.timedOut).toBe(false);
    expect(connection.method).toBe('GET');
    expect(connection.url).toMatch(/\/api\/health$/);
    expect(connection.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(connection.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/health got no answer: fetch failed/);
  });

  it('is recognised by isTptmConnectionError from another copy of the SDK, where instanceof fails', async () => {
    let other: typeof import('@tptm/sdk') | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules gives a second copy only to a synchronous require
      other = require('@tptm/sdk') as typeof import('@tptm/sdk');
    });
    const error = await rejectionOf(createTptmClient({ baseUrl: await closedPortUrl(), maxRetries: 0 }).health.getHealth());

    expect(other!.TptmConnectionError).not.toBe(TptmConnectionError);
    expect(error instanceof other!.TptmConnectionError).toBe(false);
    expect(other!.isTptmConnectionError(error)).toBe(true);
    expect(other!.isTptmApiError(error)).toBe(false);
    expect(isTptmConnectionError(new Error('fetch failed'))).toBe(false);
    expect(isTptmConnectionError(null)).toBe(false);
  });

  it('is a TypeError, as fetch network errors are, so older checks still hold', async () => {
    const error = await rejectionOf(createTptmClient({ baseUrl: await closedPortUrl(), maxRetries: 0 }).health.getHealth());
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(TptmConnectionError);
  });
});

describe('timeouts and cancellation', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeEach(async () => {
    silent = await silentServer();
  });
  afterEach(async () => {
    await silent.close();
  });

  it('rejects with TptmConnectionError within the client timeout against a server that never answers', async () => {
    const client = createTptmClient({ baseUrl: silent.url, timeout: 1000 });
    const started = Date.now();

    const error = await rejectionOf(client.health.getHealth());

    const took = Date.now() - started;
    expect(isTptmConnectionError(error)).toBe(true);
    expect((error as TptmConnectionError).timedOut).toBe(true);
    expect((error as TptmConnectionError).message).toContain('timed out after 1000 ms');
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2000);
  });

  it('takes a per-call timeout over the client one', async () => {
    const client = createTptmClient({ baseUrl: silent.url, apiKey: KEY });
    const started = Date.now();

    const error = await rejectionOf(client.integration.whoami({ timeout: 500 }));

    expect((error as TptmConnectionError).timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops a call when its signal aborts, rejecting with the signal reason', async () => {
    const client = createTptmClient({ baseUrl: silent.url });
    const controller = new AbortController();
    const call = client.health.getHealth({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);

    const error = await rejectionOf(call);

    expect((error as Error).name).toBe('AbortError');
    expect(isTptmConnectionError(error)).toBe(false);
  });

  it('does not send at all with a signal that has already aborted', async () => {
    const server = await httpServer((_seen, response) => json(response, 200, { status: 'ok' }));
    try {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(createTptmClient({ baseUrl: server.url }).health.getHealth({ signal: controller.signal }));
      expect((error as Error).name).toBe('AbortError');
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('does not send a POST whose signal aborts right after the call, before it goes out', async () => {
    const server = await httpServer((_seen, response) => json(response, 201, {}));
    try {
      const controller = new AbortController();
      const client = createTptmClient({ baseUrl: server.url, accessToken: async () => 't' });
      const call = client.organizations.createOrganization({ requestBody: { name: 'Org' } }, { signal: controller.signal });
      controller.abort();
      expect(((await rejectionOf(call)) as Error).name).toBe('AbortError');
      expect(server.seen).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('refuses a timeout or maxRetries that is not a number, as misuse rather than a TypeError', async () => {
    expect(() => createTptmClient({ baseUrl: silent.url, timeout: -1 })).toThrow(TptmUsageError);
    expect(() => createTptmClient({ baseUrl: silent.url, maxRetries: 1.5 })).toThrow(TptmUsageError);
    expect(() => createTptmClient({ baseUrl: silent.url, timeout: -1 })).not.toThrow(TypeError);
    const error = await rejectionOf(createTptmClient({ baseUrl: silent.url }).health.getHealth({ maxRetries: -1 }));
    expect(error).toBeInstanceOf(TptmUsageError);
  });

  it('says what is wrong with a baseUrl that is missing, relative, of another scheme or holds credentials', () => {
    const messageOf = (baseUrl: unknown) => {
      try {
        createTptmClient({ baseUrl } as never);
      } catch (error) {
        expect(error).toBeInstanceOf(TptmUsageError);
        return (error as Error).message;
      }
      throw new Error(`${String(baseUrl)} was accepted`);
    };
    expect(messageOf(undefined)).toMatch(/baseUrl is missing/);
    expect(messageOf('localhost:3000/x')).toMatch(/http:\/\/ or https:\/\//);
    expect(messageOf('/api')).toMatch(/not an absolute URL/);
    expect(messageOf('ftp://example.com')).toMatch(/http:\/\/ or https:\/\//);
    expect(messageOf('https://me:hunter2@example.com')).not.toContain('hunter2');
    expect(messageOf('https://me:hunter2@example.com')).toMatch(/user name or password/);
    expect(() => createTptmClient({ baseUrl: '' })).not.toThrow();
  });
});

describe('retries', () => {
  it('waits out Retry-After on 429 and tries again with the same request id and an attempt suffix', async () => {
    const server = await httpServer((_seen, response, index) =>
      index < 2
        ? json(response, 429, { ...PROBLEM, status: 429, title: 'Too many requests' }, { 'retry-after': '1' })
        : json(response, 200, { status: 'ok' }),
    );
    try {
      const client = createTptmClient({ baseUrl: server.url });
      const started = Date.now();

      await expect(client.health.getHealth({ headers: { 'X-Request-Id': 'retry-test' } })).resolves.toEqual({ status: 'ok' });

      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(server.seen.map((s) => s.headers['x-request-id'])).toEqual(['retry-test', 'retry-test-2', 'retry-test-3']);
    } finally {
      await server.close();
    }
  });

  it('makes up a request id when none is given, and keeps it across attempts', async () => {
    const server = await httpServer((_seen, response, index) =>
      index < 1 ? json(response, 503, { ...PROBLEM, status: 503 }, { 'retry-after': '0' }) : json(response, 200, { status: 'ok' }),
    );
    try {
      await createTptmClient({ baseUrl: server.url }).health.getHealth();
      const [first, second] = server.seen.map((s) => String(s.headers['x-request-id']));
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toBe(`${first}-2`);
    } finally {
      await server.close();
    }
  });

  it('gives up after maxRetries, rejecting with the last answer', async () => {
    const server = await httpServer((_seen, response) => json(response, 429, { ...PROBLEM, status: 429 }, { 'retry-after': '0' }));
    try {
      const error = (await rejectionOf(createTptmClient({ baseUrl: server.url, maxRetries: 1 }).health.getHealth())) as TptmApiError;
      expect(error.status).toBe(429);
      expect(error.retryAfter).toBe(0);
      expect(server.seen).toHaveLength(2);

      await rejectionOf(createTptmClient({ baseUrl: server.url, maxRetries: 0 }).health.getHealth());
      expect(server.seen).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('does not retry other error statuses, nor a 409 other than idempotency-key-in-use', async () => {
    const server = await httpServer((_seen, response, index) =>
      index === 0 ? json(response, 400, PROBLEM) : json(response, 409, { ...PROBLEM, type: 'urn:tptm:problem:name-taken', status: 409 }),
    );
    try {
      await rejectionOf(createTptmClient({ baseUrl: server.url }).health.getHealth());
      expect(server.seen).toHaveLength(1);
      await rejectionOf(createTptmClient({ baseUrl: server.url, accessToken: 't' }).organizations.createOrganization({ requestBody: { name: 'O' } }));
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('sends one Idempotency-Key per write, the same on each retry, and retries a POST on a dropped connection, 500, 502, 504 and 409 key-in-use', async () => {
    const answers = [
      (response: ServerResponse) => response.socket?.destroy(),
      (response: ServerResponse) => json(response, 500, { ...PROBLEM, status: 500 }),
      (response: ServerResponse) => json(response, 502, { ...PROBLEM, status: 502 }),
      (response: ServerResponse) => json(response, 504, { ...PROBLEM, status: 504 }),
      (response: ServerResponse) =>
        json(response, 409, { ...PROBLEM, type: 'urn:tptm:problem:idempotency-key-in-use', status: 409 }, { 'retry-after': '0' }),
    ];
    const server = await httpServer((_seen, response, index) => (answers[index] ?? ((r) => json(r, 201, { id: 'o', name: 'Org' })))(response));
    try {
      const events: TptmLogEvent[] = [];
      const client = createTptmClient({ baseUrl: server.url, accessToken: 't', maxRetries: 5, logger: (event) => events.push(event) });
      await expect(client.organizations.createOrganization({ requestBody: { name: 'Org' } })).resolves.toEqual({ id: 'o', name: 'Org' });

      const keys = server.seen.map((s) => s.headers['idempotency-key']);
      expect(keys).toHaveLength(6);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(keys).size).toBe(1);
      expect(server.seen.every((s) => s.body === JSON.stringify({ name: 'Org' }))).toBe(true);
      expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.reason)).toEqual([
        'connection',
        '500',
        '502',
        '504',
        '409 idempotency-key-in-use',
      ]);
      // Never the key in a log event: it guards the stored answer.
      expect(JSON.stringify(events)).not.toContain(String(keys[0]));

      await client.organizations.createOrganization({ requestBody: { name: 'Org' } });
      expect(server.seen[6].headers['idempotency-key']).not.toBe(keys[0]);
      await client.organizations.createOrganization({ requestBody: { name: 'Org' } }, { idempotencyKey: 'job-42:create-org' });
      expect(server.seen[7].headers['idempotency-key']).toBe('job-42:create-org');
      await client.health.getHealth();
      expect(server.seen[8].headers['idempotency-key']).toBeUndefined();
      expect(await rejectionOf(client.health.getHealth({ idempotencyKey: 'x' }))).toBeInstanceOf(TptmUsageError);
      expect(await rejectionOf(client.auth.logout({ idempotencyKey: 'é' }))).toBeInstanceOf(TptmUsageError);
      expect(server.seen).toHaveLength(9);
    } finally {
      await server.close();
    }
  });

  it('retries a GET that got no answer, up to maxRetries, a per-call one over the client one', async () => {
    const server = await httpServer((_seen, response) => response.socket?.destroy());
    try {
      const client = createTptmClient({ baseUrl: server.url, accessToken: 't' });
      const get = await rejectionOf(client.apiKeys.listApiKeys({ orgId: 'o' }));
      expect(isTptmConnectionError(get)).toBe(true);
      expect(server.seen).toHaveLength(3);
      expect((get as TptmConnectionError).requestId).toBe(`${server.seen[0].headers['x-request-id']}-3`);

      await rejectionOf(client.apiKeys.listApiKeys({ orgId: 'o' }, { maxRetries: 0 }));
      expect(server.seen).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('does not wait past the timeout for a retry', async () => {
    const server = await httpServer((_seen, response) => json(response, 429, { ...PROBLEM, status: 429 }, { 'retry-after': '30' }));
    try {
      const started = Date.now();
      const error = (await rejectionOf(createTptmClient({ baseUrl: server.url, timeout: 2000 }).health.getHealth())) as TptmApiError;
      expect(error.status).toBe(429);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('requests and responses', () => {
  it('encodes each path parameter whole, so it cannot step into another path or add a query', async () => {
    const server = await httpServer((_seen, response) => {
      response.writeHead(204).end();
    });
    try {
      const client = createTptmClient({ baseUrl: server.url, accessToken: 't' });
      await client.apiKeys.deleteApiKey({ orgId: 'o/1', keyId: '../../me?x=1' });
      expect(server.seen[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/orgs/o%2F1/api-keys/..%2F..%2Fme%3Fx%3D1' });

      await expect(client.apiKeys.deleteApiKey({ orgId: 'o', keyId: '..' })).rejects.toThrow(TptmUsageError);
      await expect(client.apiKeys.deleteApiKey({ orgId: 'o', keyId: '' })).rejects.toThrow(TptmUsageError);
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('returns a CSV export as its text', async () => {
    const csv = 'occurred_at,action\r\n2026-01-15T09:30:00.000Z,api_key.created\r\n';
    const server = await httpServer((_seen, response) => response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(csv));
    try {
      const client = createTptmClient({ baseUrl: server.url, accessToken: 't' });
      expect(await client.audit.exportAuditEvents({ orgId: 'o', action: AuditAction.API_KEY_CREATED })).toBe(csv);
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/orgs/o/audit-events.csv?action=api_key.created' });
    } finally {
      await server.close();
    }
  });

  it('rejects a 2xx whose body is not JSON', async () => {
    const server = await httpServer((seen, response) => {
      if (seen.url.endsWith('/me')) response.writeHead(200, { 'content-type': 'application/json' }).end('{"id": ');
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome</h1>');
    });
    try {
      const client = createTptmClient({ baseUrl: server.url, accessToken: 't' });
      const html = (await rejectionOf(client.health.getHealth())) as TptmApiError;
      expect(isTptmApiError(html)).toBe(true);
      expect(html.status).toBe(200);
      expect(html.problem).toMatchObject({ title: 'The response is not valid JSON', detail: 'expected JSON, got text/html' });
      expect(html.body).toBe('<h1>Welcome</h1>');

      const broken = (await rejectionOf(client.me.getMe())) as TptmApiError;
      expect(broken.problem.title).toBe('The response is not valid JSON');
      expect(broken.body).toBe('{"id": ');
    } finally {
      await server.close();
    }
  });

  it('resolves a 202 without a body, and gives status and headers through withResponse()', async () => {
    const server = await httpServer((_seen, response) => response.writeHead(202, { 'x-request-id': 'r-202' }).end());
    try {
      const client = createTptmClient({ baseUrl: server.url });
      const answer = await client.auth.requestPasswordReset({ requestBody: { email: 'a@example.com' } }).withResponse();
      expect(answer).toMatchObject({ data: undefined, status: 202, requestId: 'r-202', rateLimit: null, replayed: false });
    } finally {
      await server.close();
    }
  });

  it('leaves no unhandled rejection behind when a failed call is taken through withResponse()', async () => {
    const server = await httpServer((_seen, response) => json(response, 400, PROBLEM));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const error = await rejectionOf(createTptmClient({ baseUrl: server.url }).health.getHealth().withResponse());
      expect(isTptmApiError(error)).toBe(true);
      await new Promise((done) => setTimeout(done, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await server.close();
    }
  });

  it('sends User-Agent: tptm-sdk/<version>, the package version', async () => {
    const server = await httpServer((_seen, response) => json(response, 200, { status: 'ok' }));
    try {
      await createTptmClient({ baseUrl: server.url }).health.getHealth();
      const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
      expect(SDK_VERSION).toBe(version);
      expect(server.seen[0].headers['user-agent']).toBe(`tptm-sdk/${version}`);
    } finally {
      await server.close();
    }
  });

  it('sends per-call headers over the client ones', async () => {
    const server = await httpServer((_seen, response) => json(response, 200, { status: 'ok' }));
    try {
      const client = createTptmClient({ baseUrl: server.url, headers: { 'X-Tenant': 'a', 'X-Other': 'kept' } });
      await client.health.getHealth({ headers: { 'X-Tenant': 'b' } });
      expect(server.seen[0].headers).toMatchObject({ 'x-tenant': 'b', 'x-other': 'kept' });
    } finally {
      await server.close();
    }
  });

  it('sends through a fetch the caller supplies', async () => {
    const server = await httpServer((_seen, response) => json(response, 200, { status: 'ok' }));
    try {
      const urls: string[] = [];
      const fetch: TptmFetch = (url, init) => {
        urls.push(url);
        return globalThis.fetch(url, init);
      };
      await expect(createTptmClient({ baseUrl: server.url, fetch }).health.getHealth()).resolves.toEqual({ status: 'ok' });
      expect(urls).toEqual([`${server.url}/api/health`]);
      // The global fetch itself fits the option's type.
      await createTptmClient({ baseUrl: server.url, fetch: globalThis.fetch }).health.getHealth();
    } finally {
      await server.close();
    }
  });
});

describe('the identity at construction', () => {
  it('refuses an empty or malformed API key with a TptmUsageError that does not repeat it', () => {
    expect(() => createTptmClient({ baseUrl: 'http://127.0.0.1:1', apiKey: '' })).toThrow(/apiKey is empty/);
    for (const bad of ['tptm_short', `tptm_${'A'.repeat(45)}!`, `TPTM_${'A'.repeat(46)}`, ` ${KEY}`]) {
      let message = '';
      try {
        createTptmClient({ baseUrl: 'http://127.0.0.1:1', apiKey: bad });
      } catch (error) {
        expect(error).toBeInstanceOf(TptmUsageError);
        message = (error as Error).message;
      }
      expect(message).toContain('apiKey is not a TPTM API key');
      expect(message).not.toContain(bad.trim());
    }
    expect(() => createTptmClient({ baseUrl: 'http://127.0.0.1:1', apiKey: KEY })).not.toThrow();
  });
});
