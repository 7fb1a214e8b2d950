import { createHash } from 'node:crypto';
import { KeyCache } from '../src/auth/api-keys/key-cache';
import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { serviceTokenCommand } from '../src/cli/service-token.command';
import { bearer, startTestApp, TestApp } from './harness';
import { expectProblem, ownerSession, Session } from './fixtures';
import { openEventStream, OpenedStream, StreamEvent } from './support/event-stream';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Key verification for other services (contract: *Key verification for other services*). */
describe('key verification for other services', () => {
  let t: TestApp;
  let owner: Session;
  let service: string;
  let names = 0;
  const streams: OpenedStream[] = [];

  beforeAll(async () => {
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '3600000', TPTM_REVOCATION_HEARTBEAT_MS: '150', TPTM_KEY_MAX_FAILURES: '40' });
    owner = await ownerSession(t);
    service = (await cli('create', 'Billing service')).out.at(-1)!;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await serviceTokenCommand(t.config, args, { out: (l) => out.push(l), err: (l) => err.push(l) }, t.db.embedded);
    return { code, out, err };
  }
  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  async function create(fields: Record<string, unknown> = {}) {
    const response = await t.http
      .post(keys())
      .set(bearer(owner.token))
      .send({ name: `Verified ${++names}`, ...fields })
      .expect(201);
    return response.body as { id: string; key: string; maskedKey: string };
  }
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(`${keys()}/${id}`).set(bearer(owner.token)).send(body).expect(200);
  const verify = (body: unknown, token = service) =>
    t.http
      .post('/api/v1/keys/verify')
      .set(bearer(token))
      .send(body as object);
  async function code(body: Record<string, unknown>): Promise<string> {
    const response = await verify(body).expect(200);
    expect(response.body.valid).toBe(response.body.code === 'VALID');
    return response.body.code;
  }
  async function usageToday(id: string): Promise<number> {
    await t.app.get(UsageTracker).flush();
    const response = await t.http.get(`${keys()}/${id}/usage?days=1`).set(bearer(owner.token)).expect(200);
    return response.body.days[0].requests;
  }
  async function stream(headers: Record<string, string> = {}) {
    const opened = await openEventStream(`${t.url}/api/v1/keys/revocations`, { ...bearer(service), ...headers });
    streams.push(opened);
    return opened;
  }
  const revoked = (opened: OpenedStream, digest: string) =>
    opened.next((e: StreamEvent) => e.event === 'revoked' && JSON.parse(e.data).digest === digest).then((e) => ({ id: e.id, ...JSON.parse(e.data) }));

  describe('POST /keys/verify', () => {
    it('answers VALID with the key and its organization, as whoami does', async () => {
      const key = await create({ permissions: ['audit:read'] });
      const response = await verify({ key: key.key }).expect(200);
      expect(response.body).toEqual({
        valid: true,
        code: 'VALID',
        organization: { id: owner.orgId, name: expect.any(String) },
        apiKey: { id: key.id, name: expect.stringMatching(/^Verified/), maskedKey: key.maskedKey, permissions: ['audit:read'], expiresAt: null },
      });
      const whoami = await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key.key).expect(200);
      expect({ organization: response.body.organization, apiKey: response.body.apiKey }).toEqual(whoami.body);
      expect(response.text).not.toContain(key.key);
    });

    it('answers NOT_FOUND, with no key, for malformed, unknown, deleted keys and a replaced secret past its grace', async () => {
      const deleted = await create();
      await t.http.delete(`${keys()}/${deleted.id}`).set(bearer(owner.token)).expect(204);
      const rolled = await create();
      await t.http.post(`${keys()}/${rolled.id}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds: 0 }).expect(200);
      const unknown = deleted.key.slice(0, 5) + [...deleted.key.slice(5)].reverse().join('');
      for (const key of ['', 'nonsense', deleted.key.slice(0, 20), `${deleted.key}x`, unknown, deleted.key, rolled.key]) {
        const response = await verify({ key }).expect(200);
        expect(response.body).toEqual({ valid: false, code: 'NOT_FOUND' });
      }
    });

    it('answers EXPIRED, DISABLED and IP_NOT_ALLOWED with the key, in that order of precedence', async () => {
      const expired = await create({ allowedIps: ['10.0.0.0/8'] });
      await patch(expired.id, { enabled: false });
      await t.db.query(`update api_key set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
      t.app.get(KeyCache).clear();
      const answer = await verify({ key: expired.key }).expect(200);
      expect(answer.body).toMatchObject({ valid: false, code: 'EXPIRED', apiKey: { id: expired.id }, organization: { id: owner.orgId } });

      const disabled = await create({ allowedIps: ['10.0.0.0/8'], enabled: false });
      expect(await code({ key: disabled.key, clientIp: '192.0.2.1', permissions: ['role:manage'] })).toBe('DISABLED');

      const fenced = await create({ allowedIps: ['10.0.0.0/8'] });
      expect(await code({ key: fenced.key, clientIp: '192.0.2.1', permissions: ['role:manage'] })).toBe('IP_NOT_ALLOWED');
      // A key with allowed addresses, verified without the caller's address, is refused.
      expect(await code({ key: fenced.key })).toBe('IP_NOT_ALLOWED');
      expect(await code({ key: fenced.key, clientIp: '10.1.2.3' })).toBe('VALID');
      expect(await code({ key: fenced.key, clientIp: '::ffff:10.1.2.3' })).toBe('VALID');
    });

    it('answers INSUFFICIENT_PERMISSIONS before RATE_LIMITED, and RATE_LIMITED past the limit, with what is left', async () => {
      const key = await create({ permissions: ['audit:read'], rateLimit: { requests: 2, windowSeconds: 60 } });
      const lacking = await verify({ key: key.key, permissions: ['audit:read', 'role:manage'] }).expect(200);
      expect(lacking.body).toMatchObject({ code: 'INSUFFICIENT_PERMISSIONS', rateLimit: { limit: 2, remaining: 2 } });
      expect(await code({ key: key.key, permissions: ['not:a-permission'] })).toBe('INSUFFICIENT_PERMISSIONS');
      const first = await verify({ key: key.key, permissions: ['audit:read'] }).expect(200);
      expect(first.body).toMatchObject({ valid: true, code: 'VALID', rateLimit: { limit: 2, remaining: 1, resetSeconds: expect.any(Number) } });
      expect((await verify({ key: key.key }).expect(200)).body.rateLimit).toMatchObject({ remaining: 0 });
      const limited = await verify({ key: key.key }).expect(200);
      expect(limited.body).toMatchObject({ valid: false, code: 'RATE_LIMITED', rateLimit: { limit: 2, remaining: 0 }, apiKey: { id: key.id } });
      // A refusal for a reason that comes first is no RATE_LIMITED, and counts nothing either.
      expect(await code({ key: key.key, permissions: ['role:manage'] })).toBe('INSUFFICIENT_PERMISSIONS');
      // The REST door shares the same limit.
      await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key.key).expect(429);
    });

    it('counts a VALID verification as a request of the key (usage, last used), and nothing else', async () => {
      const key = await create({ allowedIps: ['10.0.0.0/8'] });
      expect(await code({ key: key.key, clientIp: '10.0.0.1' })).toBe('VALID');
      expect(await code({ key: key.key, clientIp: '10.0.0.1' })).toBe('VALID');
      expect(await code({ key: key.key, clientIp: '192.0.2.1' })).toBe('IP_NOT_ALLOWED');
      expect(await code({ key: key.key, clientIp: '10.0.0.1', permissions: ['audit:read'] })).toBe('INSUFFICIENT_PERMISSIONS');
      await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key.key).set('X-Forwarded-For', '10.0.0.1');
      expect(await usageToday(key.id)).toBe(2);
      const listed = await t.http.get(`${keys()}/${key.id}`).set(bearer(owner.token)).expect(200);
      expect(listed.body.lastUsedAt).not.toBeNull();
    });

    it('answers a body that is not {key: string, …} with 400, naming the field', async () => {
      for (const [body, field] of [
        [{}, 'key'],
        [{ key: 42 }, 'key'],
        [{ key: 'x', permissions: 'audit:read' }, 'permissions'],
        [{ key: 'x', permissions: [1] }, 'permissions'],
        [{ key: 'x', clientIp: 7 }, 'clientIp'],
        [{ key: 'x', extra: true }, 'extra'],
      ] as const) {
        const problem = expectProblem(await verify(body), 400);
        expect(problem.errors?.map((e) => e.field)).toContain(field);
      }
      for (const raw of ['[]', '"tptm_x"', 'null']) {
        const response = await t.http.post('/api/v1/keys/verify').set(bearer(service)).set('Content-Type', 'application/json').send(raw);
        expectProblem(response, 400);
      }
    });

    it('is refused (401, the uniform body) without a live service token: none, an API key, an access token, a forged one', async () => {
      const key = await create();
      const forged = `tptm_svc_${service.slice(9, -1)}${service.endsWith('A') ? 'B' : 'A'}`;
      for (const headers of [{}, bearer(key.key), { 'X-API-Key': key.key }, bearer(owner.token), bearer(forged), bearer(`${service}x`)]) {
        let request = t.http.post('/api/v1/keys/verify');
        for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
        const response = await request.send({ key: key.key });
        expectProblem(response, 401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="tptm"');
        expect(response.text).not.toContain(key.key);
      }
      // A service token reaches nothing but the verification routes.
      expect((await t.http.get('/api/v1/integration/whoami').set(bearer(service))).status).toBe(401);
      expect((await t.http.get(`/api/v1/orgs/${owner.orgId}/roles`).set(bearer(service))).status).toBe(401);
      expect((await t.http.get('/api/v1/me').set(bearer(service))).status).toBe(401);
    });
  });

  describe('npm run service-token', () => {
    it('creates (printed once, stored as a digest), lists without secrets, and revokes on the spot', async () => {
      const created = await cli('create', 'Search service');
      expect(created.code).toBe(0);
      const token = created.out.at(-1)!;
      expect(token).toMatch(/^tptm_svc_[0-9A-Za-z]{46}$/);
      const id = created.out[0].match(/id ([0-9a-f-]{36})/)![1];
      const [row] = await t.db.query<{ digest: string }>('select digest from service_token where id = $1', [id]);
      expect(row.digest).toBe(sha256(token));

      const key = await create();
      expect((await verify({ key: key.key }, token).expect(200)).body.code).toBe('VALID');
      const listed = await cli('list');
      expect(listed.out.join('\n')).not.toContain(token);
      expect(listed.out.find((line) => line.startsWith(id))).toMatch(/"Search service"\tcreated \S+\tactive$/);

      expect((await cli('revoke', id)).code).toBe(0);
      expectProblem(await verify({ key: key.key }, token), 401);
      expect((await cli('list')).out.find((line) => line.startsWith(id))).toMatch(/\trevoked \S+$/);
      expect((await cli('revoke', id)).out).toEqual([`Service token ${id} was already revoked.`]);
      const events = (await cli('events')).out;
      expect(events.filter((line) => line.includes(id)).map((line) => line.split('\t')[1])).toEqual([
        'service_token.revoked',
        'service_token.created',
      ]);
      expect(events.join('\n')).not.toContain(token);
      // System events belong to no organization: no organization's log shows them.
      const log = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(bearer(owner.token)).expect(200);
      expect(JSON.stringify(log.body)).not.toContain(id);
    });

    it('explains its usage, and refuses an unknown id', async () => {
      for (const args of [[], ['create'], ['list', 'x'], ['revoke'], ['delete', 'x']]) expect((await cli(...args)).code).toBe(2);
      expect((await cli('revoke', 'not-an-id')).code).toBe(1);
      expect((await cli('revoke', '00000000-0000-4000-8000-000000000000')).err).toEqual([
        'No service token has the id 00000000-0000-4000-8000-000000000000.',
      ]);
    });
  });

  describe('GET /keys/revocations', () => {
    it('streams the digest of every secret that stops working or changes, with its reason', async () => {
      const opened = await stream();
      expect(opened.status).toBe(200);
      expect(opened.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(opened.headers['cache-control']).toBe('no-store');

      const deleted = await create();
      await t.http.delete(`${keys()}/${deleted.id}`).set(bearer(owner.token)).expect(204);
      expect(await revoked(opened, sha256(deleted.key))).toMatchObject({ keyId: deleted.id, organizationId: owner.orgId, reason: 'deleted' });

      const disabled = await create();
      await patch(disabled.id, { enabled: false });
      expect(await revoked(opened, sha256(disabled.key))).toMatchObject({ keyId: disabled.id, reason: 'disabled' });

      const changed = await create();
      await patch(changed.id, { permissions: ['audit:read'] });
      expect(await revoked(opened, sha256(changed.key))).toMatchObject({ keyId: changed.id, reason: 'changed' });

      const rolled = await create();
      const roll = await t.http.post(`${keys()}/${rolled.id}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds: 0 }).expect(200);
      expect(await revoked(opened, sha256(rolled.key))).toMatchObject({ keyId: rolled.id, reason: 'rolled' });
      // The new secret keeps working: it is not announced.
      expect(opened.events.some((e) => JSON.parse(e.data).digest === sha256(roll.body.key))).toBe(false);
      // Ids increase in the order the changes committed.
      const ids = opened.events.map((e) => BigInt(e.id!));
      expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    });

    it('announces a replaced secret when its grace period ends, and a key when it expires', async () => {
      const opened = await stream();
      const rolled = await create();
      const roll = await t.http.post(`${keys()}/${rolled.id}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds: 1 }).expect(200);
      // During the grace period both secrets work; a permission change announces both, so caches verify them again.
      await patch(rolled.id, { permissions: ['audit:read'] });
      const changedDigests = [sha256(rolled.key), sha256(roll.body.key)];
      for (const digest of changedDigests) expect(await revoked(opened, digest)).toMatchObject({ reason: 'changed' });
      await opened.next(
        (e) => e.event === 'revoked' && JSON.parse(e.data).digest === sha256(rolled.key) && JSON.parse(e.data).reason === 'rolled',
        5_000,
      );

      const expiring = await create({ expiresAt: new Date(Date.now() + 1_500).toISOString() });
      const event = await opened.next((e) => e.event === 'revoked' && JSON.parse(e.data).digest === sha256(expiring.key), 5_000);
      expect(JSON.parse(event.data)).toMatchObject({ keyId: expiring.id, reason: 'expired' });
      expect(await code({ key: expiring.key })).toBe('EXPIRED');
    });

    it('sends a comment line at the configured interval, to keep the stream open', async () => {
      const opened = await stream();
      await opened.comment(3);
      expect(opened.comments).toContain('heartbeat');
    });

    it('resumes after Last-Event-ID with what it missed, and resets a client from further back than it keeps', async () => {
      const first = await stream();
      const a = await create();
      const b = await create();
      await t.http.delete(`${keys()}/${a.id}`).set(bearer(owner.token)).expect(204);
      const seen = await revoked(first, sha256(a.key));
      first.close();
      await t.http.delete(`${keys()}/${b.id}`).set(bearer(owner.token)).expect(204);

      const resumed = await stream({ 'Last-Event-ID': seen.id });
      const missed = await revoked(resumed, sha256(b.key));
      expect(resumed.events.map((e) => JSON.parse(e.data).digest)).not.toContain(sha256(a.key));
      expect(BigInt(missed.id)).toBeGreaterThan(BigInt(seen.id));
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);

      const stale = await stream({ 'Last-Event-ID': '999999999' });
      await stale.next((e) => e.event === 'reset');
    });

    it('refuses a bad Last-Event-ID with 400, and anything but a live service token with 401', async () => {
      for (const lastEventId of ['abc', '-1', '1.5', '9'.repeat(40)]) {
        const response = await t.http.get('/api/v1/keys/revocations').set(bearer(service)).set('Last-Event-ID', lastEventId);
        expect(expectProblem(response, 400).errors).toEqual([{ field: 'Last-Event-ID', message: expect.any(String) }]);
      }
      const key = await create();
      const refused: Record<string, string>[] = [{}, bearer(key.key), { 'X-API-Key': key.key }, bearer(owner.token)];
      for (const headers of refused) {
        const response = await openEventStream(`${t.url}/api/v1/keys/revocations`, headers);
        await response.ended;
        expect(response.status).toBe(401);
        expect(JSON.parse(response.text)).toMatchObject({ status: 401, type: 'urn:tptm:problem:unauthorized' });
      }
    });
  });

  // Last: it exhausts this client's failed-credential budget.
  describe('failed credentials', () => {
    it('never limits verifications of bad keys by a valid service token; limits bad service tokens like any failed credential', async () => {
      for (let i = 0; i < 12; i++) expect(await code({ key: `tptm_${'x'.repeat(46)}` })).toBe('NOT_FOUND');
      const forged = `tptm_svc_${'A'.repeat(46)}`;
      let refusals = 0;
      let limited = await verify({ key: 'x' }, forged);
      for (; limited.status === 401 && refusals <= 40; refusals++) limited = await verify({ key: 'x' }, forged);
      expect(refusals).toBeGreaterThan(0);
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
