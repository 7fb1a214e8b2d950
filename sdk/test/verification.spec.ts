import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isWellFormedApiKey, verifyApiKey } from '@tptm/sdk';
import { API_DIST, runBuiltCli, startBuiltServer, type BuiltServer } from '../../api/test/support/built-server';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'sdk-verification-password';

/**
 * The verification SDK against the built server: `verifyApiKey`, and each
 * example service (Express, Fastify, NestJS) behind `tptmApiKeyAuth`, which
 * must refuse a key as soon as TPTM's revocation stream says it was deleted,
 * long before its cache's TTL (300 s) would.
 */
let dataDir: string;
let server: BuiltServer;
let serviceToken: string;
let token: string;
let orgId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tptm-sdk-verify-'));
  const env = { TPTM_DATA_DIR: dataDir, DATABASE_URL: undefined, TPTM_ADMIN_EMAIL: ADMIN_EMAIL, TPTM_ADMIN_PASSWORD: ADMIN_PASSWORD };
  await runBuiltCli(join('cli', 'migrate.js'), env);
  // On the embedded database, with the server not yet running, as the operator would.
  const printed = execFileSync(process.execPath, [join(API_DIST, 'cli', 'service-token.js'), 'create', 'SDK example service'], {
    env: { ...process.env, TPTM_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  serviceToken = printed.trim().split('\n').at(-1)!;
  server = await startBuiltServer({ ...env, PORT: '0' });
  token = (await post('/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).accessToken;
  const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    memberships: { organization: { id: string } }[];
  };
  orgId = me.memberships[0].organization.id;
});
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read field by field, as a test
async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return response.json();
}
const createKey = async (name: string) =>
  (await post(`/api/v1/orgs/${orgId}/api-keys`, { name }, { Authorization: `Bearer ${token}` })) as { id: string; key: string };
const deleteKey = (id: string) =>
  fetch(`${server.url}/api/v1/orgs/${orgId}/api-keys/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });

it('checks a key offline, then verifies it with TPTM', async () => {
  const { key } = await createKey('Offline check');
  expect(isWellFormedApiKey(key)).toBe(true);
  expect(isWellFormedApiKey(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  expect(isWellFormedApiKey('tptm_short')).toBe(false);
  expect(await verifyApiKey({ baseUrl: server.url, serviceToken }, key)).toMatchObject({ valid: true, code: 'VALID', organization: { id: orgId } });
  expect(await verifyApiKey({ baseUrl: server.url, serviceToken }, 'tptm_nope')).toEqual({ valid: false, code: 'NOT_FOUND' });
  await expect(verifyApiKey({ baseUrl: server.url, serviceToken: `tptm_svc_${'A'.repeat(46)}` }, key)).rejects.toThrow(/service token/);
});

describe.each(['express', 'fastify', 'nest'])('the %s example behind tptmApiKeyAuth', (framework) => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    child = spawn(process.execPath, [resolve(__dirname, '..', 'examples', `accept-keys-${framework}.mjs`)], {
      env: { ...process.env, TPTM_URL: server.url, TPTM_SERVICE_TOKEN: serviceToken, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((ok, fail) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found) ok(found[1]);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => fail(new Error(`the ${framework} example exited with ${code}:\n${output}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const hello = (headers: Record<string, string>) => fetch(`${url}/hello`, { headers });

  it('admits a valid key, answers 401 without one or with a forged one, and 401 once TPTM streams its deletion', async () => {
    const { id, key } = await createKey(`Example ${framework}`);
    const ok = await hello({ 'X-API-Key': key });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ hello: expect.any(String), key: `Example ${framework}` });
    expect((await hello({ Authorization: `Bearer ${key}` })).status).toBe(200);
    const missing = await hello({});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await hello({ 'X-API-Key': `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` })).status).toBe(401);

    expect((await deleteKey(id)).status).toBe(204);
    // Only the stream can refuse it this soon: a cached valid answer otherwise lives 300 s.
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await hello({ 'X-API-Key': key })).status;
    }
    expect(status).toBe(401);
  });
});
