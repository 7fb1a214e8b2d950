// Issue 25's "done when": the package as `npm pack` makes it (from a copy of
// sdk/ without dev tools), installed into a customer project compiled with
// strict flags by the repository's tsc, and run against the live server
// through a proxy that loses answers.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTptmClient } from '@tptm/sdk';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ORG_NAME, startLiveServer, type LiveServer } from './live-server';

const run = promisify(execFile);
const SDK = resolve(__dirname, '..');
const ROOT = resolve(SDK, '..');

interface Seen {
  method: string;
  url: string;
  requestId: string | undefined;
  idempotencyKey: string | undefined;
}

/**
 * A proxy in front of the live server that loses answers: it forwards the
 * first roll and answers it 503 (keeping the secret the server sent), and
 * answers the first GET /api/v1/me 502 without forwarding it.
 */
async function flakyProxy(target: string) {
  const seen: Seen[] = [];
  const lost: { rollAnswer?: string } = {};
  let rolls = 0;
  let gets = 0;
  const forward = (incoming: IncomingMessage, body: Buffer, answer: (status: number, headers: IncomingMessage['headers'], text: Buffer) => void) => {
    const { hostname, port } = new URL(target);
    const outgoing = httpRequest(
      { hostname, port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: `${hostname}:${port}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => answer(response.statusCode!, response.headers, Buffer.concat(chunks)));
      },
    );
    outgoing.end(body);
  };
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const header = (name: string) => incoming.headers[name] as string | undefined;
      seen.push({ method: incoming.method!, url: incoming.url!, requestId: header('x-request-id'), idempotencyKey: header('idempotency-key') });
      const relay = (status: number, headers: IncomingMessage['headers'], text: Buffer) => response.writeHead(status, headers).end(text);
      if (incoming.method === 'POST' && incoming.url!.endsWith('/roll') && rolls++ === 0) {
        forward(incoming, Buffer.concat(chunks), (_status, _headers, text) => {
          lost.rollAnswer = text.toString();
          response.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
        });
      } else if (incoming.method === 'GET' && incoming.url === '/api/v1/me' && gets++ === 0) {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
      } else {
        forward(incoming, Buffer.concat(chunks), relay);
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    lost,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

let server: LiveServer;
let work: string;

beforeAll(async () => {
  server = await startLiveServer();
  work = await mkdtemp(join(tmpdir(), 'tptm-sdk-pack-'));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** `npm pack` on a copy of the built package that has no node_modules: what a publisher's clean checkout would ship. */
async function packedTarball(): Promise<string> {
  const copy = join(work, 'sdk-copy');
  for (const entry of ['package.json', 'README.md', 'CHANGELOG.md', 'dist', 'src', 'examples', 'scripts']) {
    await cp(join(SDK, entry), join(copy, entry), { recursive: true });
  }
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: copy });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(work, filename);
}

/** The README's TypeScript examples, each a module of the customer project, with what they use from outside declared. */
async function readmeExamples(): Promise<[string, string][]> {
  const readme = await readFile(join(SDK, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.map((code, index) => [`readme-${index + 1}.ts`, `${code}\nexport {};\n`]);
}

describe('the packed package in a strict customer project', () => {
  it('compiles with strict flags, refuses the wrong calls, and survives lost answers with one roll', async () => {
    const tarball = await packedTarball();
    const customer = join(work, 'customer');
    const installed = join(customer, 'node_modules', '@tptm', 'sdk');
    await mkdir(installed, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    expect((await readdir(installed)).sort()).toEqual(['CHANGELOG.md', 'README.md', 'dist', 'examples', 'package.json', 'src']);
    // The version the package states is the one its changelog describes first.
    const { version } = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { version: string };
    expect(/^## (.+)$/m.exec(await readFile(join(installed, 'CHANGELOG.md'), 'utf8'))?.[1]).toBe(version);
    await mkdir(join(customer, 'node_modules', '@types'), { recursive: true });
    await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(customer, 'node_modules', '@types', 'node'), 'dir');
    await writeFile(join(customer, 'package.json'), '{ "private": true, "type": "module" }\n');
    for (const file of ['main.ts', 'wrong.ts', 'readme-context.d.ts', 'tsconfig.json'])
      await cp(join(__dirname, 'customer', file), join(customer, file));
    for (const [file, code] of await readmeExamples()) await writeFile(join(customer, file), code);

    // The repository's tsc: a customer's project has its own, the SDK brings none.
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await run(process.execPath, [tsc, '-p', customer]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(compiled).toBe('');

    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    const me = await createTptmClient({ baseUrl: server.url, accessToken }).me.getMe();
    const orgId = me.memberships.find((m) => m.organization.name === ORG_NAME)!.organization.id;
    const proxy = await flakyProxy(server.url);
    try {
      const wrongPassword = `wrong-password-${Date.now()}`;
      const { stdout } = await run(process.execPath, [join(customer, 'out', 'main.js')], {
        env: {
          ...process.env,
          TPTM_PROXY_URL: proxy.url,
          TPTM_URL: server.url,
          TPTM_ORG_ID: orgId,
          TPTM_ACCESS_TOKEN: accessToken,
          TPTM_WRONG_PASSWORD: wrongPassword,
        },
      });
      const result = JSON.parse(stdout) as Record<string, unknown>;

      // The 502 GET was sent again and answered.
      expect(result.meEmail).toBe(ADMIN_EMAIL);
      expect(result.retries).toEqual(['POST 503', 'GET 502']);

      // Nothing was sent for the calls stopped before sending.
      expect(result.stopped).toEqual(['AbortError', 'AbortError']);
      expect(proxy.seen.filter((s) => s.requestId?.startsWith('customer-never-sent'))).toEqual([]);

      expect(result.passwordSeen).toBe(false);
      expect(result.keySeen).toBe(false);

      // The roll reached the server twice with one Idempotency-Key, ran once, and the lost answer's secret is the one returned.
      const rolls = proxy.seen.filter((s) => s.method === 'POST' && s.url.endsWith('/roll'));
      expect(rolls).toHaveLength(2);
      expect(rolls[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(rolls[1]!.idempotencyKey).toBe(rolls[0]!.idempotencyKey);
      expect(result.rolls).toBe(1);
      expect(result.replayed).toBe(true);
      expect(result.rolledKey).toBe((JSON.parse(proxy.lost.rollAnswer!) as { key: string }).key);
      expect(result.newSecretWorks).toBe(true);
      expect(result.oldSecretWorks).toBe(true);
      expect(result.previousKeyExpiresAt).toEqual(expect.any(String));
    } finally {
      await proxy.close();
    }
  });
});
