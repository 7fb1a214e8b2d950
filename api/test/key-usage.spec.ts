import { ApiKeyStore } from '../src/auth/api-keys/api-key-store';
import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { Clock } from '../src/common/clock';
import { bearer, startTestApp, TestApp } from './harness';
import { countQueries, createKey, expectProblem, otherOrganization, ownerSession, Session } from './fixtures';

const DAY_MS = 86_400_000;
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Per-key daily request counts: exact, batched, and on the UTC day the server's clock says. */
describe('API key usage', () => {
  let t: TestApp;
  let owner: Session;
  let clock: jest.SpyInstance<number, []>;
  /** 23:59:58 UTC on some day: two seconds before a day boundary. */
  const lateEvening = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2_000;

  beforeAll(async () => {
    // A flush interval far beyond the test: only the explicit flushes below write.
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
  });
  beforeEach(() => {
    clock = jest.spyOn(t.app.get(Clock), 'now');
  });
  afterEach(() => clock.mockRestore());
  afterAll(() => t.close());

  const usage = (keyId: string, query = '') => t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys/${keyId}/usage${query}`).set(bearer(owner.token));
  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key).expect(200);

  it('counts every authenticated request on its UTC day, across a day boundary, with no write per request', async () => {
    const key = await createKey(t, owner, 'Counted');
    clock.mockReturnValue(lateEvening);
    const statements = await countQueries(t, async () => {
      for (let i = 0; i < 7; i++) await whoami(key.key);
    });
    expect(statements).toBe(0); // the key was cached at creation; counting writes nothing per request
    clock.mockReturnValue(lateEvening + 3_000); // 00:00:01 the next day
    for (let i = 0; i < 5; i++) await whoami(key.key);
    await t.app.get(UsageTracker).flush();

    const response = await usage(key.id, '?days=3').expect(200);
    expect(response.body).toEqual({
      days: [
        { date: day(lateEvening - DAY_MS), requests: 0 },
        { date: day(lateEvening), requests: 7 },
        { date: day(lateEvening + 3_000), requests: 5 },
      ],
    });
  });

  it('answers exactly `days` days, 30 by default, oldest first, ending today', async () => {
    const key = await createKey(t, owner, 'Idle');
    const thirty = await usage(key.id).expect(200);
    expect(thirty.body.days).toHaveLength(30);
    expect(thirty.body.days.at(-1)).toEqual({ date: day(Date.now()), requests: 0 });
    expect((await usage(key.id, '?days=1').expect(200)).body.days).toEqual([{ date: day(Date.now()), requests: 0 }]);
    expect((await usage(key.id, '?days=90').expect(200)).body.days).toHaveLength(90);
    for (const bad of ['0', '91', '-1', '1.5', 'x', '']) {
      expect(expectProblem(await usage(key.id, `?days=${bad}`), 400).errors?.[0].field).toBe('days');
    }
    expectProblem(await usage(key.id, '?days=3&extra=1'), 400);
  });

  it('takes integers in the query string as digits only: days and limit refuse exponents, hex and spaces', async () => {
    const key = await createKey(t, owner, 'Strict integers');
    const lists = [`/api/v1/orgs/${owner.orgId}/api-keys`, `/api/v1/orgs/${owner.orgId}/audit-events`];
    for (const bad of ['1e1', '0x1e', '30 ', ' 30', '+30', '3.0', '0b11', '1_0']) {
      const value = encodeURIComponent(bad);
      expect(expectProblem(await usage(key.id, `?days=${value}`), 400).errors).toEqual([{ field: 'days', message: expect.any(String) }]);
      for (const list of lists) {
        const refused = await t.http.get(`${list}?limit=${value}`).set(bearer(owner.token));
        expect(expectProblem(refused, 400).errors).toEqual([{ field: 'limit', message: expect.any(String) }]);
      }
    }
    expect((await usage(key.id, '?days=007').expect(200)).body.days).toHaveLength(7);
    await t.http.get(`${lists[0]}?limit=10`).set(bearer(owner.token)).expect(200);
  });

  it("keeps one organization's usage to itself (404) and needs Key: Manage", async () => {
    const key = await createKey(t, owner, 'Private usage');
    const outsider = await otherOrganization(t, owner, 'usage-outsider@example.com');
    expectProblem(await t.http.get(`/api/v1/orgs/${outsider.orgId}/api-keys/${key.id}/usage`).set(bearer(outsider.token)), 404);
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}/usage`).set(bearer(outsider.token)), 404);
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}/usage`).set('X-API-Key', key.key), 403);
  });

  it('counts both secrets of a rolled key as the one key', async () => {
    const key = await createKey(t, owner, 'Rolled and counted');
    const rolled = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}/roll`)
      .set(bearer(owner.token))
      .send({ gracePeriodSeconds: 3600 })
      .expect(200);
    for (let i = 0; i < 3; i++) await whoami(key.key);
    for (let i = 0; i < 4; i++) await whoami(rolled.body.key);
    await t.app.get(UsageTracker).flush();
    expect((await usage(key.id, '?days=1').expect(200)).body.days).toEqual([{ date: day(Date.now()), requests: 7 }]);
  });

  it('keeps a batch the database refused, and adds it exactly once when it is back', async () => {
    const key = await createKey(t, owner, 'Outage');
    for (let i = 0; i < 6; i++) await whoami(key.key);
    // The real outage (a terminated database) is the PostgreSQL database-faults suite's; here, one refused write.
    const failing = jest.spyOn(t.app.get(ApiKeyStore), 'writeUsage').mockRejectedValueOnce(new Error('connection lost'));
    await t.app.get(UsageTracker).flush();
    expect(failing).toHaveBeenCalledTimes(1);
    failing.mockRestore();
    for (let i = 0; i < 2; i++) await whoami(key.key);
    await t.app.get(UsageTracker).flush();
    expect((await usage(key.id, '?days=1').expect(200)).body.days[0].requests).toBe(8);
    expect(t.logs.some((l) => l.msg === 'could not record API key usage; will retry')).toBe(true);
  });

  it('adds a batch sent twice (its first commit unseen) only once', async () => {
    const key = await createKey(t, owner, 'Sent twice');
    const store = t.app.get(ApiKeyStore);
    const batch = { id: '6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f', counts: [{ id: key.id, day: day(Date.now()), n: 5 }], lastUsed: [] };
    await store.writeUsage(batch);
    await store.writeUsage(batch);
    expect((await usage(key.id, '?days=1').expect(200)).body.days[0].requests).toBe(5);
  });

  it('deletes a key’s usage with it, and prunes days older than 90', async () => {
    const key = await createKey(t, owner, 'Short-lived');
    await t.db.query(`insert into api_key_usage (api_key_id, day, requests) values ($1, current_date - 91, 3), ($1, current_date - 89, 4)`, [key.id]);
    for (let i = 0; i < 2; i++) await whoami(key.key);
    await t.app.get(UsageTracker).flush();
    const rows = await t.db.query<{ n: number }>(`select count(*)::int as n from api_key_usage where api_key_id = $1`, [key.id]);
    expect(rows[0].n).toBe(2);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}`).set(bearer(owner.token)).expect(204);
    const gone = await t.db.query<{ n: number }>(`select count(*)::int as n from api_key_usage where api_key_id = $1`, [key.id]);
    expect(gone[0].n).toBe(0);
  });
});

/**
 * Counting switched off (TPTM_KEY_USAGE_COUNTING=false, how the benchmark
 * measures its cost): no request is counted, but last-used times still are.
 * An app of its own, started after the one above has closed: passport's
 * strategies are process-wide, so two apps cannot run side by side.
 */
describe('API key usage, counting off', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp({ TPTM_KEY_USAGE_COUNTING: 'false', TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('counts nothing, and still records when each key was last used', async () => {
    const key = await createKey(t, owner, 'Not counted');
    const noon = Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS / 2;
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(noon);
    const whoami = () => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key.key).expect(200);
    const lastUsedAt = async () => {
      await t.app.get(UsageTracker).flush();
      return (await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}`).set(bearer(owner.token)).expect(200)).body.lastUsedAt;
    };
    try {
      for (let i = 0; i < 3; i++) await whoami();
      expect(await lastUsedAt()).toBe(new Date(noon).toISOString());
      // Two minutes on (last-used is kept to the minute), the next request moves it.
      clock.mockReturnValue(noon + 120_000);
      await whoami();
      expect(await lastUsedAt()).toBe(new Date(noon + 120_000).toISOString());
    } finally {
      clock.mockRestore();
    }

    const rows = await t.db.query<{ n: number }>('select count(*)::int as n from api_key_usage');
    expect(rows[0].n).toBe(0);
    const usage = await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}/usage?days=1`).set(bearer(owner.token)).expect(200);
    expect(usage.body.days).toEqual([{ date: day(Date.now()), requests: 0 }]);
  });
});
