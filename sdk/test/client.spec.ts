import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { inspect, promisify } from 'node:util';
import {
  createTptmClient,
  isTptmApiError,
  isTptmConnectionError,
  parseRateLimit,
  Permission,
  TptmApiError,
  TptmClient,
  TptmUsageError,
  type ApiKeyResponse,
  type CreatedApiKeyResponse,
} from '@tptm/sdk';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ORG_NAME, startLiveServer, type LiveServer } from './live-server';

let server: LiveServer;
let admin: TptmClient;
let accessToken: string;
let orgId: string;

beforeAll(async () => {
  server = await startLiveServer();
  ({ accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
    requestBody: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  }));
  admin = createTptmClient({ baseUrl: server.url, accessToken });
  const me = await admin.me.getMe();
  orgId = me.memberships.find((m) => m.organization.name === ORG_NAME)!.organization.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The TptmApiError a call rejects with; fails the test if it resolves or rejects with anything else. */
async function failureOf(call: Promise<unknown>): Promise<TptmApiError> {
  const error = await call.then(
    (value) => {
      throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
  if (!isTptmApiError(error)) throw error;
  return error;
}

function createKey(name: string): Promise<CreatedApiKeyResponse> {
  return admin.apiKeys.createApiKey({ orgId, requestBody: { name } });
}

describe('signing in', () => {
  it('returns a bearer token that reads the signed-in user and their permissions', async () => {
    const me = await admin.me.getMe();

    expect(me.email).toBe(ADMIN_EMAIL);
    const membership = me.memberships.find((m) => m.organization.id === orgId)!;
    expect(membership.roles.map((r) => r.name)).toContain('Owner');
    expect(membership.permissions).toEqual(expect.arrayContaining(Object.values(Permission)));
  });

  it('asks an accessToken function before every request', async () => {
    let asked = 0;
    const client = createTptmClient({
      baseUrl: server.url,
      accessToken: async () => {
        asked += 1;
        return accessToken;
      },
    });

    await client.me.getMe();
    await client.permissions.listPermissions();

    expect(asked).toBe(2);
  });
});

describe('API keys through the SDK', () => {
  it('creates a key that authenticates an integration through whoami', async () => {
    const created = await createKey('Production Integration');
    expect(created.key).toMatch(/^tptm_[0-9A-Za-z]{38,}$/);
    expect(created.createdBy).toMatchObject({ email: ADMIN_EMAIL });

    const integration = createTptmClient({ baseUrl: server.url, apiKey: created.key });
    const whoami = await integration.integration.whoami();

    expect(whoami).toEqual({
      organization: { id: orgId, name: ORG_NAME },
      apiKey: { id: created.id, name: 'Production Integration', maskedKey: created.maskedKey, permissions: [], expiresAt: null },
    });
  });

  it('lists keys a page at a time, newest first, following nextCursor to the end', async () => {
    const created: ApiKeyResponse[] = [];
    for (let i = 1; i <= 5; i += 1) created.push(await createKey(`Page key ${i}`));

    const pages: ApiKeyResponse[][] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.apiKeys.listApiKeys({ orgId, limit: 2, cursor });
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const listed = pages.flat();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((items) => items.length <= 2)).toBe(true);
    expect(new Set(listed.map((k) => k.id)).size).toBe(listed.length);
    expect(listed.filter((k) => k.name.startsWith('Page key ')).map((k) => k.id)).toEqual(created.map((k) => k.id).reverse());
    expect(listed.every((k) => !('key' in k))).toBe(true);
  });

  it('deletes a key, which is refused with 401 from then on', async () => {
    const created = await createKey('Short-lived');
    const integration = createTptmClient({ baseUrl: server.url, apiKey: created.key });
    await integration.integration.whoami();

    await admin.apiKeys.deleteApiKey({ orgId, keyId: created.id });

    const error = await failureOf(integration.integration.whoami());
    expect(error.status).toBe(401);
    expect(error.problem.type).toBe('urn:tptm:problem:unauthorized');
    const { items } = await admin.apiKeys.listApiKeys({ orgId, limit: 100 });
    expect(items.map((k) => k.id)).not.toContain(created.id);
  });
});

describe('every page, as an async iterable', () => {
  it('listAllApiKeys yields every key, newest first, fetching pages as it goes', async () => {
    for (let i = 1; i <= 3; i += 1) await createKey(`All keys ${i}`);
    const paged: ApiKeyResponse[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await admin.apiKeys.listApiKeys({ orgId, limit: 2, cursor });
      pages += 1;
      paged.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const seen: string[] = [];
    const fetched: string[] = [];
    const counting = createTptmClient({
      baseUrl: server.url,
      accessToken,
      fetch: (url, init) => {
        fetched.push(url);
        return fetch(url, init);
      },
    });
    for await (const key of counting.apiKeys.listAllApiKeys({ orgId, limit: 2 })) {
      seen.push(key.id);
      if (seen.length === 1) expect(fetched).toHaveLength(1);
    }

    expect(seen).toEqual(paged.map((k) => k.id));
    expect(fetched).toHaveLength(pages);
    expect(pages).toBeGreaterThan(1);
  });

  it('stops fetching when the loop breaks', async () => {
    const fetched: string[] = [];
    const counting = createTptmClient({
      baseUrl: server.url,
      accessToken,
      fetch: (url, init) => {
        fetched.push(url);
        return fetch(url, init);
      },
    });
    for await (const key of counting.apiKeys.listAllApiKeys({ orgId, limit: 1 })) {
      expect(key.id).toBeDefined();
      break;
    }
    expect(fetched).toHaveLength(1);
  });

  it('pages() hands out each page with its cursor, so a job carries on where it stopped', async () => {
    for (let i = 1; i <= 3; i += 1) await createKey(`Resumable ${i}`);
    const everything: string[] = [];
    for await (const key of admin.apiKeys.listAllApiKeys({ orgId, limit: 2 })) everything.push(key.id);

    // The first run stops after its first page, keeping the cursor (as a job would, in its own store).
    let saved: string | null = null;
    const firstRun: string[] = [];
    for await (const page of admin.apiKeys.pages({ orgId, limit: 2 })) {
      firstRun.push(...page.items.map((k) => k.id));
      saved = page.nextCursor;
      break;
    }
    expect(saved).not.toBeNull();
    const secondRun: string[] = [];
    for await (const page of admin.apiKeys.pages({ orgId, limit: 2, cursor: saved ?? undefined })) secondRun.push(...page.items.map((k) => k.id));

    expect([...firstRun, ...secondRun]).toEqual(everything);
  });

  it('listAllAuditEvents yields every audit event', async () => {
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.audit.listAuditEvents({ orgId, limit: 3, cursor });
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const all: string[] = [];
    for await (const event of admin.audit.listAllAuditEvents({ orgId, limit: 3 })) all.push(event.id);

    expect(paged.length).toBeGreaterThan(3);
    expect(all).toEqual(paged);
  });
});

describe('withResponse()', () => {
  it("gives a successful call's status, request id and headers beside its body", async () => {
    const { data, status, requestId, headers, rateLimit, replayed } = await admin.me
      .getMe({ headers: { 'X-Request-Id': 'with-response-1' } })
      .withResponse();
    expect(data.email).toBe(ADMIN_EMAIL);
    expect(status).toBe(200);
    expect(requestId).toBe('with-response-1');
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(rateLimit).toBeNull();
    expect(replayed).toBe(false);
  });

  it("gives an API key's rate limit from the RateLimit headers of a successful answer", async () => {
    const created = await admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'Limited', rateLimit: { requests: 50, windowSeconds: 60 } } });
    const integration = createTptmClient({ baseUrl: server.url, apiKey: created.key });

    const first = await integration.integration.whoami().withResponse();
    const second = await integration.integration.whoami().withResponse();

    expect(first.data.apiKey.id).toBe(created.id);
    expect(first.rateLimit).toMatchObject({ limit: 50, windowSeconds: 60, remaining: 49 });
    expect(second.rateLimit).toMatchObject({ limit: 50, remaining: 48 });
    expect(second.rateLimit!.resetSeconds).toBeGreaterThan(0);
    // Awaited without withResponse(), the same call is just its body.
    expect((await integration.integration.whoami()).apiKey.id).toBe(created.id);
  });
});

describe('TptmApiError', () => {
  it('is what a 401 rejects with, carrying the problem body', async () => {
    const error = await failureOf(createTptmClient({ baseUrl: server.url }).me.getMe());

    expect(error).toBeInstanceOf(TptmApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TptmApiError');
    expect(error.status).toBe(401);
    expect(error.problem).toEqual({
      type: 'urn:tptm:problem:unauthorized',
      title: 'Authentication required',
      status: 401,
      detail: expect.any(String),
    });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toBe(`401 Authentication required: ${error.problem.detail} (request ${error.requestId})`);
    expect(error.fieldErrors()).toEqual({});
  });

  it('is a 403 for a member without Key: Manage', async () => {
    const { items: roles } = await admin.roles.listRoles({ orgId });
    const memberRole = roles.find((r) => r.name === 'Member')!;
    const { inviteUrl } = await admin.members.addMember({
      orgId,
      requestBody: { email: 'grace@example.com', name: 'Grace Hopper', roleIds: [memberRole.id] },
    });
    // This server sends no email, so the answer holds the link (with SMTP it would go to the mailbox only).
    if (!inviteUrl) throw new Error('expected the invitation link in the answer of a server without SMTP');
    const { accessToken: memberToken, organization } = await createTptmClient({ baseUrl: server.url }).invitations.acceptInvitation({
      token: inviteUrl.slice(inviteUrl.lastIndexOf('/') + 1),
      requestBody: { password: 'grace-chose-this-password' },
    });
    expect(organization.id).toBe(orgId);
    const member = createTptmClient({ baseUrl: server.url, accessToken: memberToken });

    const error = await failureOf(member.apiKeys.listApiKeys({ orgId }));

    expect(error.status).toBe(403);
    expect(error.problem).toMatchObject({ type: 'urn:tptm:problem:forbidden', status: 403 });
    expect(error.problem.detail).toContain('Key: Manage');
  });

  it('is a 404 for a key that does not exist in the organization', async () => {
    const error = await failureOf(admin.apiKeys.deleteApiKey({ orgId, keyId: randomUUID() }));

    expect(error.status).toBe(404);
    expect(error.problem.type).toBe('urn:tptm:problem:not-found');
  });

  it('is a 409 for a name already in use, ignoring case', async () => {
    await createKey('Staging Environment');

    const error = await failureOf(createKey('staging environment'));

    expect(error.status).toBe(409);
    expect(error.problem.type).toBe('urn:tptm:problem:name-taken');
  });

  it('is a 400 whose fieldErrors() name each bad field', async () => {
    const blank = await failureOf(createKey('   '));
    expect(blank.status).toBe(400);
    expect(blank.problem.type).toBe('urn:tptm:problem:validation-failed');
    expect(blank.fieldErrors()).toEqual({ name: 'must be 1 to 100 characters long (after trimming spaces)' });

    const extraField = await failureOf(
      // Beyond the SDK's types on purpose: the server is the one that refuses unknown fields.
      admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'Fine', scope: 'all' } as never }),
    );
    expect(extraField.fieldErrors()).toEqual({ scope: 'is not a known field; remove it' });

    const badQuery = await failureOf(admin.apiKeys.listApiKeys({ orgId, limit: 0 }));
    expect(Object.keys(badQuery.fieldErrors())).toEqual(['limit']);

    const badPath = await failureOf(admin.apiKeys.deleteApiKey({ orgId, keyId: 'not-a-uuid' }));
    expect(Object.keys(badPath.fieldErrors())).toEqual(['keyId']);
  });

  it('joins several messages for one field', async () => {
    const error = await failureOf(admin.members.addMember({ orgId, requestBody: { email: 'x', name: 'X', roleIds: ['a', 'a'] } }));

    const fields = error.fieldErrors();
    expect(fields.email).toBeDefined();
    expect(fields.roleIds.split('; ').length).toBeGreaterThan(1);
  });

  it('stands in for a problem body when something other than the API answers', async () => {
    const proxy = createServer((_request, response) => {
      response.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    try {
      const { port } = proxy.address() as AddressInfo;
      const error = await failureOf(createTptmClient({ baseUrl: `http://127.0.0.1:${port}` }).health.getHealth());

      expect(error.status).toBe(502);
      expect(error.problem).toEqual({ type: 'about:blank', title: 'Bad Gateway', status: 502 });
      expect(error.body).toBe('<h1>502 Bad Gateway</h1>');
    } finally {
      await new Promise((done) => proxy.close(done));
    }
  });

  it("is a 429 rate-limited past a key's rate limit, with Retry-After and the limit from the RateLimit headers", async () => {
    const limited = await admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'Rate limited', rateLimit: { requests: 1, windowSeconds: 60 } } });
    const integration = createTptmClient({ baseUrl: server.url, apiKey: limited.key, maxRetries: 0 });
    await integration.integration.whoami();
    const error = await failureOf(integration.integration.whoami());
    expect(error.status).toBe(429);
    expect(error.problem.type).toBe('urn:tptm:problem:rate-limited');
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(error.rateLimit).toEqual({ limit: 1, windowSeconds: 60, remaining: 0, resetSeconds: expect.any(Number) });
    // Other failures carry no rate limit.
    expect((await failureOf(admin.apiKeys.getApiKey({ orgId, keyId: randomUUID() }))).rateLimit).toBeNull();
  });

  it('parseRateLimit reads the IETF fields, and nothing malformed', () => {
    expect(parseRateLimit({ 'ratelimit-policy': '"key";q=100;w=60', ratelimit: '"key";r=42;t=58' })).toEqual({
      limit: 100,
      windowSeconds: 60,
      remaining: 42,
      resetSeconds: 58,
    });
    expect(parseRateLimit({ 'ratelimit-policy': '"key";q=100;w=60' })).toBeNull();
    expect(parseRateLimit({ 'ratelimit-policy': '"key";q=1e3;w=60', ratelimit: '"key";r=1;t=1' })).toBeNull();
    expect(parseRateLimit({ 'ratelimit-policy': '"other";q=1;w=60', ratelimit: '"other";r=1;t=1' })).toBeNull();
  });

  it('echoes the X-Request-Id the SDK sent as requestId', async () => {
    const client = createTptmClient({ baseUrl: server.url, headers: { 'X-Request-Id': 'sdk-error-1' } });
    const error = await failureOf(client.me.getMe());
    expect(error.requestId).toBe('sdk-error-1');
    expect(error.headers['x-request-id']).toBe('sdk-error-1');
  });

  it('is not used when no answer came back: that is a TptmConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));

    const error = await createTptmClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })
      .health.getHealth()
      .catch((e: unknown) => e);

    expect(isTptmConnectionError(error)).toBe(true);
    expect(isTptmApiError(error)).toBe(false);
    // Node's fetch throws from outside Jest's sandbox, so its TypeError fails `instanceof` here.
    expect((error as { cause: unknown }).cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});

describe('errors keep no request body', () => {
  /** Every string reachable from a value: own properties of every kind (enumerable or not, symbol-keyed too), as deep as they go. */
  function reachableStrings(root: unknown): string[] {
    const strings: string[] = [];
    const seen = new Set<unknown>();
    const visit = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
      seen.add(value);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
        visit('value' in descriptor ? descriptor.value : descriptor.get?.call(value));
      }
    };
    visit(root);
    return strings;
  }

  /** However the error is logged or picked apart, `secret` is in none of it. */
  function expectNowhere(error: TptmApiError, secret: string) {
    const views = [
      JSON.stringify(error),
      inspect(error),
      inspect(error, { showHidden: true, depth: Infinity, getters: true }),
      String(error),
      ...reachableStrings(error),
    ];
    expect(views.filter((view) => view.includes(secret))).toEqual([]);
    expect(Object.keys(error)).not.toContain('request');
  }

  it('a failed sign-in error never holds the password', async () => {
    const password = `not-the-password-${randomUUID()}`;
    const error = await failureOf(createTptmClient({ baseUrl: server.url }).auth.login({ requestBody: { email: ADMIN_EMAIL, password } }));
    expect(error.status).toBe(401);
    expectNowhere(error, password);
  });

  it('a failed create-key error never holds what was sent', async () => {
    const marker = `sent-in-the-body-${randomUUID()}`;
    const error = await failureOf(admin.apiKeys.createApiKey({ orgId, requestBody: { name: `${marker}${'x'.repeat(120)}` } }));
    expect(error.status).toBe(400);
    expectNowhere(error, marker);
    // What a log needs is still there.
    expect({ method: error.method, url: error.url }).toEqual({ method: 'POST', url: `${server.url}/api/v1/orgs/${orgId}/api-keys` });
  });

  it('an invitation error never holds the token from the link', async () => {
    const token = `tptm_inv_${randomUUID().replaceAll('-', '')}`;
    const error = await failureOf(createTptmClient({ baseUrl: server.url }).invitations.getInvitation({ token }));
    expect(error.status).toBe(404);
    expectNowhere(error, token);
    expect(error.url).toBe(`${server.url}/api/v1/invitations/[REDACTED]`);
  });
});

describe('createTptmClient', () => {
  it('accepts a base URL with a trailing slash', async () => {
    await expect(createTptmClient({ baseUrl: `${server.url}/` }).health.getHealth()).resolves.toEqual({ status: 'ok' });
  });

  it('sends the extra headers with every request', async () => {
    // The server echoes a well-formed X-Request-Id, which makes the header observable end to end.
    const client = createTptmClient({ baseUrl: server.url, headers: { 'X-Request-Id': 'sdk-test-123' } });
    const { requestId, headers } = await client.health.getHealth().withResponse();
    expect(requestId).toBe('sdk-test-123');
    expect(headers['x-request-id']).toBe('sdk-test-123');
  });

  it('refuses an access token and an API key together', () => {
    // Refused by the types too (see consumer/wrong.ts); a JavaScript caller gets the TptmUsageError.
    const both = { baseUrl: server.url, accessToken: 'a', apiKey: `tptm_${'A'.repeat(46)}` } as never;
    expect(() => createTptmClient(both)).toThrow(TptmUsageError);
  });

  it('stops a request in flight through its signal', async () => {
    const controller = new AbortController();
    const call = admin.me.getMe({ signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the examples in sdk/examples, as ES modules under Node', () => {
  const run = promisify(execFile);
  const examples = resolve(__dirname, '..', 'examples');

  it('whoami.mjs prints whom the key acts for', async () => {
    const created = await createKey('Example whoami');
    const { stdout } = await run(process.execPath, [resolve(examples, 'whoami.mjs')], {
      env: { ...process.env, TPTM_URL: server.url, TPTM_API_KEY: created.key },
    });
    expect(stdout).toContain(`The key "Example whoami" (${created.maskedKey}) acts for ${ORG_NAME}`);
  });

  it('whoami.mjs explains a refused key and exits 1', async () => {
    const failed = await run(process.execPath, [resolve(examples, 'whoami.mjs')], {
      env: { ...process.env, TPTM_URL: server.url, TPTM_API_KEY: `tptm_${'N'.repeat(46)}` },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('TPTM answered 401 Authentication required') });
  });

  it('quickstart.mjs signs in, creates, uses, lists and deletes a key', async () => {
    const { stdout } = await run(process.execPath, [resolve(examples, 'quickstart.mjs')], {
      env: { ...process.env, TPTM_URL: server.url, TPTM_EMAIL: ADMIN_EMAIL, TPTM_PASSWORD: ADMIN_PASSWORD },
    });
    expect(stdout).toMatch(/^Created "SDK quickstart .*" \(tptm_/m);
    expect(stdout).toContain(`acts for ${ORG_NAME}.`);
    expect(stdout).toContain('Production Integration');
    expect(stdout).toMatch(/the key is refused now \(401 Authentication required\)/);
  });

  const rollKey = (keyName: string, graceSeconds: string) =>
    run(process.execPath, [resolve(examples, 'roll-key.mjs')], {
      env: {
        ...process.env,
        TPTM_URL: server.url,
        TPTM_EMAIL: ADMIN_EMAIL,
        TPTM_PASSWORD: ADMIN_PASSWORD,
        TPTM_KEY_NAME: keyName,
        TPTM_GRACE_SECONDS: graceSeconds,
      },
    });

  it('roll-key.mjs rolls a key found by name; both secrets work until the time it prints', async () => {
    const created = await createKey('Example roll');
    const { stdout } = await rollKey('example ROLL', '3600');
    const newKey = stdout.trim().split('\n').at(-1)!;
    const rolled = await admin.apiKeys.getApiKey({ orgId, keyId: created.id });
    expect(stdout).toContain(`Rolled "Example roll": ${created.maskedKey} is replaced by ${rolled.maskedKey}.`);
    expect(stdout).toContain(`The new secret works: it acts for ${ORG_NAME}.`);
    expect(stdout).toContain(`The old secret keeps working until ${rolled.previousKeyExpiresAt} (in about 60 min)`);
    expect(newKey).toMatch(/^tptm_[0-9A-Za-z]{46}$/);
    expect(newKey).not.toBe(created.key);
    for (const apiKey of [created.key, newKey]) {
      const whoami = await createTptmClient({ baseUrl: server.url, apiKey }).integration.whoami();
      expect(whoami.apiKey).toEqual({ id: created.id, name: 'Example roll', maskedKey: rolled.maskedKey, permissions: [], expiresAt: null });
    }
  });

  it('roll-key.mjs with no grace period says the old secret is refused, and it is', async () => {
    const created = await createKey('Example roll now');
    const { stdout } = await rollKey('Example roll now', '0');
    expect(stdout).toContain('The old secret is refused from now on.');
    const error = await failureOf(createTptmClient({ baseUrl: server.url, apiKey: created.key }).integration.whoami());
    expect(error.status).toBe(401);
  });

  it('roll-key.mjs explains a key name it cannot find and exits 1', async () => {
    const failed = await rollKey('No such key anywhere', '60').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('No API key named "No such key anywhere"') });
  });

  const exportAuditLog = (apiKey: string) =>
    run(process.execPath, [resolve(examples, 'export-audit-log.mjs')], { env: { ...process.env, TPTM_URL: server.url, TPTM_API_KEY: apiKey } });

  it('export-audit-log.mjs pages through the whole audit log with a key restricted to Audit: Read, one JSON line per event', async () => {
    const created = await admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'Example SIEM', permissions: [Permission.AUDIT_READ] } });
    const { stdout, stderr } = await exportAuditLog(created.key);
    const exported = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; action: string });
    const everything: string[] = [];
    for await (const event of admin.audit.listAllAuditEvents({ orgId })) everything.push(event.id);
    expect(exported.map((e) => e.id)).toEqual(everything);
    expect(stderr).toContain(`Exported ${everything.length} events of ${ORG_NAME} with "Example SIEM".`);
    // The same key can read, never change: the SDK reaches what the key may call, and only that.
    const integration = createTptmClient({ baseUrl: server.url, apiKey: created.key });
    expect((await failureOf(integration.apiKeys.listApiKeys({ orgId }))).status).toBe(403);
    expect((await failureOf(integration.members.listMembers({ orgId }))).status).toBe(403);
  });

  it('export-audit-log.mjs explains a key without Audit: Read and exits 1', async () => {
    const created = await createKey('Example integration only');
    const failed = await exportAuditLog(created.key).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('lacks Audit: Read') });
  });
});
