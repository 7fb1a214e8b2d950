import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createTestDatabase, OWNER_EMAIL, OWNER_PASSWORD, TestDatabase } from './harness';
import { ServerProcess, startServerProcess } from './server-process';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

type Server = ServerProcess;

/** The built server as its own process on the given database; resolves once it listens. */
function startServer(databaseUrl: string, secret: string): Promise<Server> {
  return startServerProcess({
    DATABASE_URL: databaseUrl,
    TPTM_JWT_SECRET: secret,
    TPTM_IDEMPOTENCY_SECRET: `${secret}-idempotency`,
    // Key usage written every half second rather than every ten: the usage test waits for one flush of each instance.
    TPTM_LAST_USED_FLUSH_MS: '500',
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1];

/**
 * Two API servers on one PostgreSQL database: a key deleted (or rolled)
 * through one is refused by the other at once. The bound proves the cause
 * (the revocation feed, not the cache's TTL of minutes) with a margin a busy
 * machine cannot break; the p50/p99 it prints, in CI's own step for this
 * suite, are what docs/performance.md holds against the 50 ms goal.
 */
const FEED_BOUND_MS = 1_000;
/** The contract: from `expiresAt` on, a key is refused on every instance, cached or not, within one second. */
const EXPIRY_BOUND_MS = 1_000;
onPostgres('several instances on one database', () => {
  let db: TestDatabase;
  let a: Server;
  let b: Server;
  let token: string;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const secret = randomBytes(32).toString('hex');
    [a, b] = await Promise.all([startServer(db.databaseUrl!, secret), startServer(db.databaseUrl!, secret)]);
    token = (await request(a.url).post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }).expect(200)).body.accessToken;
    orgId = (await request(b.url).get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200)).body.memberships[0].organization.id;
  });
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((server) => server.stop()));
    await db?.drop();
  });

  const whoami = (server: Server, key: string) => request(server.url).get('/api/v1/integration/whoami').set('X-API-Key', key);

  async function warmKey(name: string) {
    const created = await request(a.url).post(`/api/v1/orgs/${orgId}/api-keys`).set('Authorization', `Bearer ${token}`).send({ name }).expect(201);
    await whoami(a, created.body.key).expect(200);
    await whoami(b, created.body.key).expect(200);
    await whoami(b, created.body.key).expect(200);
    return created.body as { id: string; key: string };
  }

  /** Milliseconds from the DELETE's (or roll's) response until `server` first refuses the key. */
  async function refusalLag(server: Server, key: string, revokedAt: number): Promise<number> {
    for (;;) {
      const response = await whoami(server, key);
      if (response.status === 401) return performance.now() - revokedAt;
      expect(response.status).toBe(200);
      if (performance.now() - revokedAt > 5_000) throw new Error('the key was still accepted 5 s after it was revoked');
    }
  }

  function printLags(label: string, lags: number[]) {
    const p50 = percentile(lags, 50);
    const p99 = percentile(lags, 99);
    console.log(`${label} on B over ${lags.length} trials: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
  }

  it('deletes through A and is refused by B through the revocation feed, and by A at once', async () => {
    const lags: number[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const { id, key } = await warmKey(`Trial ${trial}`);
      await request(a.url).delete(`/api/v1/orgs/${orgId}/api-keys/${id}`).set('Authorization', `Bearer ${token}`).expect(204);
      const deletedAt = performance.now();
      await whoami(a, key).expect(401);
      lags.push(await refusalLag(b, key, deletedAt));
    }
    printLags('revocation lag', lags);
    expect(Math.max(...lags)).toBeLessThan(FEED_BOUND_MS);
  });

  it('rolls with no grace through A; B refuses the old secret through the revocation feed, and A at once', async () => {
    const lags: number[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const { id, key } = await warmKey(`Roll trial ${trial}`);
      const rolled = await request(a.url)
        .post(`/api/v1/orgs/${orgId}/api-keys/${id}/roll`)
        .set('Authorization', `Bearer ${token}`)
        .send({ gracePeriodSeconds: 0 })
        .expect(200);
      const rolledAt = performance.now();
      await whoami(a, key).expect(401);
      lags.push(await refusalLag(b, key, rolledAt));
      await whoami(b, rolled.body.key).expect(200);
    }
    printLags('roll lag (old secret refused)', lags);
    expect(Math.max(...lags)).toBeLessThan(FEED_BOUND_MS);
  });

  it('takes a permission away through A; B answers the key 403 through the revocation feed, and A at once', async () => {
    const lags: number[] = [];
    const auditLog = (server: Server, key: string) => request(server.url).get(`/api/v1/orgs/${orgId}/audit-events?limit=1`).set('X-API-Key', key);
    for (let trial = 0; trial < 30; trial++) {
      const created = await request(a.url)
        .post(`/api/v1/orgs/${orgId}/api-keys`)
        .set('Authorization', `Bearer ${token}`)
        .send({ name: `Permission trial ${trial}`, permissions: ['audit:read'] })
        .expect(201);
      const { id, key } = created.body as { id: string; key: string };
      for (const server of [a, b, b]) await auditLog(server, key).expect(200);
      await request(a.url)
        .patch(`/api/v1/orgs/${orgId}/api-keys/${id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ permissions: [] })
        .expect(200);
      const changedAt = performance.now();
      await auditLog(a, key).expect(403);
      for (;;) {
        const response = await auditLog(b, key);
        if (response.status === 403) break;
        expect(response.status).toBe(200);
        if (performance.now() - changedAt > 5_000) throw new Error('B still let the key read the audit log 5 s after the permission was taken away');
      }
      lags.push(performance.now() - changedAt);
      // Still the same key, still valid: only what it may do changed.
      await whoami(b, key).expect(200);
    }
    printLags('permission change lag (403)', lags);
    expect(Math.max(...lags)).toBeLessThan(FEED_BOUND_MS);
  });

  it('disables through A; B refuses the key through the revocation feed, and enabling brings it back on both', async () => {
    const lags: number[] = [];
    for (let trial = 0; trial < 50; trial++) {
      const { id, key } = await warmKey(`Disable trial ${trial}`);
      const patch = (enabled: boolean) =>
        request(a.url).patch(`/api/v1/orgs/${orgId}/api-keys/${id}`).set('Authorization', `Bearer ${token}`).send({ enabled }).expect(200);
      await patch(false);
      const disabledAt = performance.now();
      await whoami(a, key).expect(401);
      lags.push(await refusalLag(b, key, disabledAt));
      await patch(true);
      const enabledAt = performance.now();
      await whoami(a, key).expect(200);
      // B cached the disabled key (its refusals cost nothing) until the feed says it changed again.
      while ((await whoami(b, key)).status !== 200) {
        if (performance.now() - enabledAt > FEED_BOUND_MS) throw new Error('B still refused the key 1 s after it was enabled');
      }
    }
    printLags('disable lag', lags);
    expect(Math.max(...lags)).toBeLessThan(FEED_BOUND_MS);
  });

  it('holds one rate limit across both instances: 3 × the limit sent, split between A and B, admits the limit', async () => {
    const limit = 40;
    const created = await request(a.url)
      .post(`/api/v1/orgs/${orgId}/api-keys`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Shared limit', rateLimit: { requests: limit, windowSeconds: 600 } })
      .expect(201);
    const statuses = await Promise.all(
      Array.from({ length: limit * 3 }, async (_, i) => (await whoami(i % 2 === 0 ? a : b, created.body.key)).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(limit * 2);
  });

  it('expires a key B has cached on time: accepted until expiresAt, refused within a second of it', async () => {
    // The expiry is the clock's business, not the feed's: nothing is revoked, and B's cache entry must end by itself.
    const expiresAt = Date.now() + 2_000;
    const created = await request(a.url)
      .post(`/api/v1/orgs/${orgId}/api-keys`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Expires on B', expiresAt: new Date(expiresAt).toISOString() })
      .expect(201);
    await whoami(b, created.body.key).expect(200);
    await whoami(b, created.body.key).expect(200);
    let refusedAt: number | undefined;
    while (refusedAt === undefined) {
      const response = await whoami(b, created.body.key);
      const answeredAt = Date.now();
      if (response.status === 401) refusedAt = answeredAt;
      else expect({ status: response.status, late: answeredAt >= expiresAt + EXPIRY_BOUND_MS }).toEqual({ status: 200, late: false });
      await new Promise((r) => setTimeout(r, 5));
    }
    console.log(`expiry on B: first refusal answered ${refusedAt - expiresAt} ms after expiresAt`);
    expect(refusedAt).toBeGreaterThanOrEqual(expiresAt);
    expect(refusedAt - expiresAt).toBeLessThan(EXPIRY_BOUND_MS);
  });

  it('refuses on B a key deleted while B had lost its listening connection', async () => {
    const { id, key } = await warmKey('Deleted while B was deaf');
    const [listener] = await db.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = 'tptm-revocations-${b.process.pid}'`,
    );
    expect(listener).toBeDefined();
    await db.query('select pg_terminate_backend($1)', [listener.pid]);
    await request(a.url).delete(`/api/v1/orgs/${orgId}/api-keys/${id}`).set('Authorization', `Bearer ${token}`).expect(204);
    await whoami(b, key).expect(401);

    // B re-subscribes, and revocations reach it again.
    for (let i = 0; i < 100; i++) {
      const rows = await db.query(`select 1 from pg_stat_activity where application_name = 'tptm-revocations-${b.process.pid}'`);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const again = await warmKey('After reconnect');
    await request(a.url).delete(`/api/v1/orgs/${orgId}/api-keys/${again.id}`).set('Authorization', `Bearer ${token}`).expect(204);
    expect(await refusalLag(b, again.key, performance.now())).toBeLessThan(FEED_BOUND_MS);
  });

  it('adds up key usage from both instances exactly: every request split between A and B counted once', async () => {
    const create = async (name: string): Promise<{ id: string; key: string }> =>
      (await request(a.url).post(`/api/v1/orgs/${orgId}/api-keys`).set('Authorization', `Bearer ${token}`).send({ name }).expect(201)).body;
    const [shared, onlyA, onlyB, marker] = [
      await create('Used on A and B'),
      await create('Used on A'),
      await create('Used on B'),
      await create('Flush marker'),
    ];
    /** Requests per UTC day summed over the last two, so a run that straddles midnight still sees them all. */
    const counted = async (id: string) => {
      const response = await request(b.url)
        .get(`/api/v1/orgs/${orgId}/api-keys/${id}/usage?days=2`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      return (response.body.days as { requests: number }[]).reduce((sum, day) => sum + day.requests, 0);
    };
    const calls = async (server: Server, key: string, n: number) => {
      for (let i = 0; i < n; i++) await whoami(server, key).expect(200);
    };

    // Four streams at once, the shared key's on both instances.
    await Promise.all([calls(a, shared.key, 120), calls(b, shared.key, 80), calls(a, onlyA.key, 50), calls(b, onlyB.key, 70)]);
    // One more request on each instance, after all the others: an instance writes everything it has counted in one
    // batch, and its batches in order, so once both of these are in the database, so is every request before them.
    await whoami(a, marker.key).expect(200);
    await whoami(b, marker.key).expect(200);
    const started = Date.now();
    while ((await counted(marker.id)) < 2) {
      if (Date.now() - started > 20_000) throw new Error('the marker requests were not both counted within 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }

    expect({
      shared: await counted(shared.id),
      onlyA: await counted(onlyA.id),
      onlyB: await counted(onlyB.id),
      marker: await counted(marker.id),
    }).toEqual({
      shared: 200,
      onlyA: 50,
      onlyB: 70,
      marker: 2,
    });
  });
});
