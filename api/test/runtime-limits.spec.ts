import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { bearer, startTestApp, TestApp } from './harness';
import { addMember, createRole, expectProblem, ownerSession, Session } from './fixtures';

/** Runtime limits on a key (contract: *Runtime limits*): rate limits, allowed addresses, disabling, renewal. */
describe('runtime limits on a key', () => {
  let t: TestApp;
  let owner: Session;
  let names = 0;

  beforeAll(async () => {
    // Usage is flushed only when a test asks, so the counts it reads are exact.
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key);
  async function create(fields: Record<string, unknown> = {}) {
    const response = await t.http
      .post(keys())
      .set(bearer(owner.token))
      .send({ name: `Limited ${++names}`, ...fields })
      .expect(201);
    return response.body as { id: string; key: string; enabled: boolean; rateLimit: unknown; allowedIps: string[]; expiresAt: string | null };
  }
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(`${keys()}/${id}`).set(bearer(owner.token)).send(body);
  async function usageToday(id: string): Promise<number> {
    await t.app.get(UsageTracker).flush();
    const response = await t.http.get(`${keys()}/${id}/usage?days=1`).set(bearer(owner.token)).expect(200);
    return response.body.days[0].requests;
  }

  describe('rate limit', () => {
    it('admits the limit, then answers 429 rate-limited with Retry-After; every answer carries the RateLimit headers', async () => {
      const key = await create({ rateLimit: { requests: 3, windowSeconds: 60 } });
      expect(key.rateLimit).toEqual({ requests: 3, windowSeconds: 60 });
      for (const remaining of [2, 1, 0]) {
        const ok = await whoami(key.key).expect(200);
        expect(ok.headers['ratelimit-policy']).toBe('"key";q=3;w=60');
        expect(ok.headers.ratelimit).toMatch(new RegExp(`^"key";r=${remaining};t=(6[0-2]|5\\d)$`));
      }
      const refused = await whoami(key.key);
      const problem = expectProblem(refused, 429);
      expect(problem.type).toBe('urn:tptm:problem:rate-limited');
      expect(problem.detail).toMatch(/3 requests per 60 seconds/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(62);
      expect(refused.headers['ratelimit-policy']).toBe('"key";q=3;w=60');
      expect(refused.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
      expect(refused.text).not.toContain(key.key);
      // Only the requests it admitted are counted as the key's usage.
      expect(await usageToday(key.id)).toBe(3);
    });

    it('is per key, and a key without a limit sends no RateLimit header', async () => {
      const limited = await create({ rateLimit: { requests: 1, windowSeconds: 60 } });
      const other = await create({ rateLimit: { requests: 1, windowSeconds: 60 } });
      const unlimited = await create();
      await whoami(limited.key).expect(200);
      await whoami(limited.key).expect(429);
      await whoami(other.key).expect(200);
      const free = await whoami(unlimited.key).expect(200);
      expect(free.headers['ratelimit-policy']).toBeUndefined();
      expect(free.headers.ratelimit).toBeUndefined();
    });

    it('counts requests the key makes on organization routes, but not those refused for lacking a permission', async () => {
      const key = await create({ rateLimit: { requests: 2, windowSeconds: 60 }, permissions: ['audit:read'] });
      // No role:manage: refused before it is counted.
      for (let i = 0; i < 3; i++) await t.http.get(`/api/v1/orgs/${owner.orgId}/roles`).set('X-API-Key', key.key).expect(403);
      const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set('X-API-Key', key.key).expect(200);
      expect(events.headers.ratelimit).toMatch(/^"key";r=1;/);
      await whoami(key.key).expect(200);
      await whoami(key.key).expect(429);
      expect(await usageToday(key.id)).toBe(2);
    });

    it('changes on the next request, from a full window, and is removed with null', async () => {
      const key = await create({ rateLimit: { requests: 1, windowSeconds: 60 } });
      await whoami(key.key).expect(200);
      await whoami(key.key).expect(429);
      const raised = await patch(key.id, { rateLimit: { requests: 2, windowSeconds: 60 } }).expect(200);
      expect(raised.body.rateLimit).toEqual({ requests: 2, windowSeconds: 60 });
      await whoami(key.key).expect(200);
      await whoami(key.key).expect(200);
      await whoami(key.key).expect(429);
      const removed = await patch(key.id, { rateLimit: null }).expect(200);
      expect(removed.body.rateLimit).toBeNull();
      for (let i = 0; i < 5; i++) expect((await whoami(key.key).expect(200)).headers.ratelimit).toBeUndefined();
    });

    it.each([
      [{ requests: 0, windowSeconds: 60 }, 'rateLimit.requests'],
      [{ requests: 1_000_001, windowSeconds: 60 }, 'rateLimit.requests'],
      [{ requests: 1.5, windowSeconds: 60 }, 'rateLimit.requests'],
      [{ requests: 10, windowSeconds: 86_401 }, 'rateLimit.windowSeconds'],
      [{ requests: 10 }, 'rateLimit.windowSeconds'],
      [{ requests: 10, windowSeconds: 60, burst: 5 }, 'rateLimit.burst'],
      [10, 'rateLimit'],
      ['10/60', 'rateLimit'],
    ])('refuses rateLimit %j with 400 naming %s, and creates nothing', async (rateLimit, field) => {
      const before = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
      const refused = await t.http.post(keys()).set(bearer(owner.token)).send({ name: 'Badly limited', rateLimit });
      expect(expectProblem(refused, 400).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      const after = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
      expect(after.body.items.length).toBe(before.body.items.length);
    });
  });

  describe('allowed addresses', () => {
    it('refuses a request from elsewhere with 403 ip-not-allowed, counting nothing; takes effect on the next request', async () => {
      const key = await create({ allowedIps: ['10.1.2.3/8', '2001:DB8::/32'], rateLimit: { requests: 100, windowSeconds: 60 } });
      expect(key.allowedIps).toEqual(['10.0.0.0/8', '2001:db8::/32']);
      const refused = await whoami(key.key);
      expect(expectProblem(refused, 403).type).toBe('urn:tptm:problem:ip-not-allowed');
      expect(refused.headers.ratelimit).toBeUndefined();
      const allowed = await patch(key.id, { allowedIps: ['10.0.0.0/8', '127.0.0.1'] }).expect(200);
      expect(allowed.body.allowedIps).toEqual(['10.0.0.0/8', '127.0.0.1']);
      expect((await whoami(key.key).expect(200)).headers.ratelimit).toMatch(/^"key";r=99;/);
      await patch(key.id, { allowedIps: [] }).expect(200);
      await whoami(key.key).expect(200);
      expect(await usageToday(key.id)).toBe(2);
    });

    it('admits an IPv4 client through an IPv4-mapped IPv6 entry', async () => {
      const key = await create({ allowedIps: ['::ffff:127.0.0.1'] });
      expect(key.allowedIps).toEqual(['127.0.0.1']);
      await whoami(key.key).expect(200);
    });

    it.each([
      [['10.0.0.300'], /entry 0 /],
      [['10.0.0.0/8', 'localhost'], /entry 1 /],
      [['10.0.0.0/33'], /entry 0 /],
      [['127.1'], /entry 0 /],
      [[42], /entry 0 /],
      ['10.0.0.0/8', /array/],
      [Array.from({ length: 101 }, (_, i) => `10.0.${i}.1`), /at most 100/],
    ])('refuses allowedIps %j with 400 naming the field', async (allowedIps, message) => {
      const refused = await t.http.post(keys()).set(bearer(owner.token)).send({ name: 'Badly placed', allowedIps });
      const problem = expectProblem(refused, 400);
      expect(problem.errors).toEqual([{ field: 'allowedIps', message: expect.stringMatching(message) }]);
    });
  });

  describe('disable and enable', () => {
    it('refuses a disabled key with the uniform 401 and brings it back unchanged', async () => {
      const key = await create({ permissions: ['audit:read'] });
      await whoami(key.key).expect(200);
      const disabled = await patch(key.id, { enabled: false }).expect(200);
      expect(disabled.body).toMatchObject({ id: key.id, enabled: false, permissions: ['audit:read'] });
      const refused = await whoami(key.key);
      const unknown = await whoami('tptm_' + 'A'.repeat(46));
      expectProblem(refused, 401);
      expect(refused.body).toEqual(unknown.body);
      expect(refused.headers['www-authenticate']).toBe(unknown.headers['www-authenticate']);
      await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set('X-API-Key', key.key).expect(401);
      const enabled = await patch(key.id, { enabled: true }).expect(200);
      expect(enabled.body).toMatchObject({ id: key.id, enabled: true, permissions: ['audit:read'] });
      await whoami(key.key).expect(200);
      await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set('X-API-Key', key.key).expect(200);
    });

    it('creates a key disabled when asked, and lists it as such', async () => {
      const key = await create({ enabled: false });
      expect(key.enabled).toBe(false);
      await whoami(key.key).expect(401);
      const listed = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
      expect(listed.body.items.find((k: { id: string }) => k.id === key.id)).toMatchObject({ enabled: false, rateLimit: null, allowedIps: [] });
    });

    it('refuses enabled that is not a boolean', async () => {
      const key = await create();
      expect(expectProblem(await patch(key.id, { enabled: 'false' }), 400).errors).toEqual([{ field: 'enabled', message: 'must be true or false' }]);
      expect(expectProblem(await patch(key.id, { enabled: null }), 400).errors).toEqual([expect.objectContaining({ field: 'enabled' })]);
    });
  });

  describe('renewing an expired key', () => {
    it('works again with the same id, history and usage', async () => {
      const key = await create({ expiresAt: new Date(Date.now() + 1_500).toISOString() });
      await whoami(key.key).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      await whoami(key.key).expect(401);
      const renewedUntil = new Date(Date.now() + 30 * 86_400_000);
      const renewed = await patch(key.id, { expiresAt: renewedUntil.toISOString() }).expect(200);
      expect(renewed.body).toMatchObject({ id: key.id, expiresAt: renewedUntil.toISOString() });
      const again = await whoami(key.key).expect(200);
      expect(again.body.apiKey).toMatchObject({ id: key.id, expiresAt: renewedUntil.toISOString() });
      expect(await usageToday(key.id)).toBe(2);
      await patch(key.id, { expiresAt: null }).expect(200);
      await whoami(key.key).expect(200);
    });

    it('refuses an expiry in the past', async () => {
      const key = await create();
      const refused = await patch(key.id, { expiresAt: new Date(Date.now() - 1_000).toISOString() });
      expect(expectProblem(refused, 400).errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    });
  });

  it("lets a member who lacks a key's permissions restrain it, but not bring it back to life", async () => {
    await createRole(t, owner, 'Key keepers', ['key:manage']);
    const keeper = await addMember(t, owner, 'keeper@example.com', ['Key keepers']);
    const key = await create({ permissions: ['audit:read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const asKeeper = (body: Record<string, unknown>) => t.http.patch(`${keys()}/${key.id}`).set(bearer(keeper.token)).send(body);
    // Disabling, an earlier expiry, a rate limit, fewer addresses: all restrain the key, and a leak must be containable by anyone managing keys.
    await asKeeper({ enabled: false }).expect(200);
    await asKeeper({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() }).expect(200);
    await asKeeper({ rateLimit: { requests: 10, windowSeconds: 60 }, allowedIps: ['192.0.2.1'] }).expect(200);
    // Enabling it, or a later expiry, would hand Audit: Read back to whoever holds the secret: the keeper lacks it.
    for (const body of [{ enabled: true }, { expiresAt: null }, { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }]) {
      expect(expectProblem(await asKeeper(body), 403).detail).toMatch(/Audit: Read/);
    }
    await whoami(key.key).expect(401);
    await patch(key.id, { enabled: true, expiresAt: null, allowedIps: [] }).expect(200);
    await whoami(key.key).expect(200);
  });

  it('audits each changed field as api_key.updated with before → after', async () => {
    const key = await create({ expiresAt: '2099-01-01T00:00:00.000Z' });
    await patch(key.id, {
      rateLimit: { requests: 50, windowSeconds: 10 },
      allowedIps: ['192.0.2.0/24'],
      enabled: false,
      expiresAt: '2099-06-30T00:00:00Z',
    }).expect(200);
    await patch(key.id, { rateLimit: null, enabled: true, expiresAt: null, allowedIps: [] }).expect(200);
    // Sending what the key already holds changes nothing and records nothing.
    await patch(key.id, { rateLimit: null, enabled: true }).expect(200);
    const history = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).query({ targetId: key.id }).set(bearer(owner.token)).expect(200);
    const updates = history.body.items.filter((e: { action: string }) => e.action === 'api_key.updated');
    expect(updates.map((e: { changes: unknown }) => e.changes)).toEqual([
      [
        { field: 'expiresAt', before: ['2099-06-30T00:00:00.000Z'], after: [] },
        { field: 'rateLimit', before: ['50 per 10 s'], after: [] },
        { field: 'allowedIps', before: ['192.0.2.0/24'], after: [] },
        { field: 'enabled', before: ['false'], after: ['true'] },
      ],
      [
        { field: 'expiresAt', before: ['2099-01-01T00:00:00.000Z'], after: ['2099-06-30T00:00:00.000Z'] },
        { field: 'rateLimit', before: [], after: ['50 per 10 s'] },
        { field: 'allowedIps', before: [], after: ['192.0.2.0/24'] },
        { field: 'enabled', before: ['true'], after: ['false'] },
      ],
    ]);
  });
});
