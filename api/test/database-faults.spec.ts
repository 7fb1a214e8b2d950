import { Client } from 'pg';
import { digestApiKey } from '../src/auth/api-keys/key-format';
import { RevocationFeed } from '../src/auth/api-keys/revocation-feed';
import { ApiKeyStore } from '../src/auth/api-keys/api-key-store';
import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { bearer, createTestDatabase, startApp, TestApp, TestDatabase } from './harness';
import { createKey, expectProblem, ownerSession, Session } from './fixtures';
import { DatabaseProxy } from './database-proxy';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * The database goes away under a running server, three ways: its connections
 * are terminated by PostgreSQL, it refuses connections (down), and it stops
 * answering without closing anything (a black hole). Throughout, the server
 * answers problem+json 503s, never lets an unverified key through, and
 * recovers by itself once the database is back.
 */
onPostgres('database faults', () => {
  let db: TestDatabase;
  let proxy: DatabaseProxy;
  let t: TestApp;
  let owner: Session;
  let liveKey: string;
  let deletedKey: string;
  let unknownKey: string;
  const keys: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const relay = await DatabaseProxy.start(db.databaseUrl!);
    proxy = relay.proxy;
    // Key usage is written only when a test flushes it, so each flush below is the one that meets the fault.
    t = await startApp({ ...db, databaseUrl: relay.url }, { TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
    liveKey = (await createKey(t, owner, 'Live')).key;
    const deleted = await createKey(t, owner, 'Deleted');
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${deleted.id}`).set(bearer(owner.token)).expect(204);
    deletedKey = deleted.key;
    unknownKey = liveKey.slice(0, 5) + [...liveKey.slice(5)].reverse().join('');
    keys.push(liveKey, deletedKey, unknownKey);
    await whoami(liveKey).expect(200);
  });
  afterAll(async () => {
    await t?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key);
  const listKeys = () => t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token));

  /** Every kind of call at once, with what each may answer while the database is away; resolves when all have answered. */
  async function probe(): Promise<void> {
    const [health, ...refusedKeys] = await Promise.all([t.http.get('/api/health'), whoami(deletedKey), whoami(unknownKey)]);
    expect(expectProblem(health, 503).type).toBe('urn:tptm:problem:service-unavailable');
    expect(health.headers['retry-after']).toBeDefined();
    for (const refused of refusedKeys) {
      expect([401, 503]).toContain(refused.status);
      expectProblem(refused, refused.status);
    }
    const admin = await Promise.all([
      listKeys(),
      t.http
        .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
        .set(bearer(owner.token))
        .send({ name: `During outage ${Date.now()}` }),
      t.http.get('/api/v1/me').set(bearer(owner.token)),
      t.http.post('/api/v1/auth/login').send({ email: 'owner@example.com', password: 'whatever-password' }),
    ]);
    for (const response of admin) {
      expect({ url: response.request.url, status: response.status }).toEqual({ url: response.request.url, status: 503 });
      expect(expectProblem(response, 503).detail).toMatch(/database/);
      expect(response.headers['retry-after']).toBe('5');
    }
  }

  /** Waits for the revocation feed to be (or stop being) trusted: what the heartbeat decides, not how long it takes. */
  async function feedTrusted(trusted: boolean): Promise<void> {
    const feed = t.app.get(RevocationFeed);
    const started = Date.now();
    while (feed.trusted !== trusted) {
      if (Date.now() - started > 20_000) throw new Error(`the revocation feed was still ${trusted ? 'not ' : ''}trusted after 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Polls the database directly (not through the relay) until `condition` holds: its state, not time, moves the test on. */
  async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > 20_000) throw new Error(`${what}: still not so after 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The requests the database holds for a key, over all days, read directly (not through the relay). */
  async function storedUsage(apiKeyId: string): Promise<number> {
    const [row] = await db.query<{ n: number }>('select coalesce(sum(requests), 0)::int as n from api_key_usage where api_key_id = $1', [apiKeyId]);
    return row.n;
  }

  const retryWarnings = (from: number) =>
    t.logs.slice(from).filter((l) => l.level === 'warn' && l.context === 'UsageTracker' && l.msg === 'could not record API key usage; will retry');

  /** Polls until the server answers normally again, and returns how long that took. */
  async function recovered(): Promise<number> {
    const started = Date.now();
    for (;;) {
      const health = await t.http.get('/api/health');
      const key = await whoami(liveKey);
      if (health.status === 200 && key.status === 200) break;
      expect([200, 503]).toContain(health.status);
      expect([200, 503]).toContain(key.status);
      if (Date.now() - started > 20_000) throw new Error('the server did not recover within 20 s of the database coming back');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await listKeys().expect(200);
    const created = await createKey(t, owner, `After ${Date.now()}`);
    await whoami(created.key).expect(200);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${created.id}`).set(bearer(owner.token)).expect(204);
    await whoami(created.key).expect(401);
    await whoami(deletedKey).expect(401);
    return Date.now() - started;
  }

  it('survives PostgreSQL terminating every connection in the middle of a load', async () => {
    const statuses: number[] = [];
    const load = Array.from({ length: 300 }, async (_, i) => {
      const call = i % 4 === 0 ? whoami(liveKey) : i % 4 === 1 ? whoami(deletedKey) : i % 4 === 2 ? listKeys() : t.http.get('/api/health');
      const response = await call;
      statuses.push(response.status);
      if (i % 4 === 1) expect(response.status).not.toBe(200);
      if (response.status >= 400) expectProblem(response, response.status);
    });
    // Terminate once the load is under way, whatever the machine's speed.
    while (statuses.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const terminated = await db.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await Promise.all(load);
    expect(terminated.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    const ms = await recovered();
    console.log(`database faults: terminated ${terminated.length} connections under load; statuses ${tally(statuses)}; recovered in ${ms} ms`);
  });

  it('answers 503 problems and refuses unverified keys while the database is down, and recovers without a restart', async () => {
    proxy.refuse();
    try {
      await probe();
      // With the revocation feed gone the cache is not trusted: even a good key is checked, and cannot be.
      expectProblem(await whoami(liveKey), 503);
    } finally {
      proxy.restore();
    }
    const ms = await recovered();
    // The revocation feed comes back too (it retries with a backoff of at most 5 s), so the cache is trusted again.
    await feedTrusted(true);
    const listeners = await db.query(`select 1 from pg_stat_activity where application_name = 'tptm-revocations-${process.pid}'`);
    expect(listeners).toHaveLength(1);
    console.log(`database faults: down (connections refused) → recovered in ${ms} ms`);
  });

  it('answers within seconds, never hangs, while the database stops answering, and recovers', async () => {
    proxy.blackhole();
    const started = Date.now();
    let probeMs = 0;
    try {
      await probe();
      probeMs = Date.now() - started;
      // A call makes at most two queries, each waiting at most 5 s for a connection and 5 s for its answer.
      expect(probeMs).toBeLessThan(25_000);
      // Once the feed's heartbeat has missed, even a good key is refused until the database answers again.
      await feedTrusted(false);
      expect(expectProblem(await whoami(liveKey), 503).status).toBe(503);
    } finally {
      proxy.restore();
    }
    const ms = await recovered();
    console.log(`database faults: black hole → every call answered 503 within ${probeMs} ms, recovered in ${ms} ms`);
  });

  it('keeps the key usage a flush could not write while the database was down, and writes it once it is back', async () => {
    const key = await createKey(t, owner, 'Counted through an outage');
    for (let i = 0; i < 25; i++) await whoami(key.key).expect(200);
    const tracker = t.app.get(UsageTracker);
    const logged = t.logs.length;
    proxy.refuse();
    try {
      await tracker.flush();
    } finally {
      proxy.restore();
    }
    expect(retryWarnings(logged)).toHaveLength(1);
    expect(await storedUsage(key.id)).toBe(0);

    await recovered();
    await tracker.flush();
    expect(await storedUsage(key.id)).toBe(25);
    // Nothing is left waiting to be added again.
    await tracker.flush();
    expect(await storedUsage(key.id)).toBe(25);
    expect(retryWarnings(logged)).toHaveLength(1);
  });

  it('adds a batch once when its first commit went unseen and it is sent again', async () => {
    const key = await createKey(t, owner, 'Committed unseen');
    for (let i = 0; i < 10; i++) await whoami(key.key).expect(200);
    const tracker = t.app.get(UsageTracker);
    // Calls through to the real write: the test only reads which batch each attempt sent.
    const sent = jest.spyOn(t.app.get(ApiKeyStore), 'writeUsage');
    const logged = t.logs.length;
    let unseen: string;
    let resent: string[];
    // Another session locks the batch table, so the flush's statement reaches PostgreSQL and waits there.
    const locker = new Client({ connectionString: db.databaseUrl });
    await locker.connect();
    try {
      try {
        await locker.query('begin');
        await locker.query('lock table api_key_usage_batch in share mode');
        const flushed = tracker.flush();
        await until('the flush waits on the lock', async () => {
          const waiting = await db.query(
            `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%api_key_usage_batch%'`,
          );
          return waiting.length > 0;
        });
        // The network path goes dark, then the lock goes: the statement commits, but its answer never reaches the server.
        proxy.blackhole();
        await locker.query('commit');
        await until('the batch is committed', async () => (await storedUsage(key.id)) === 10);
        // The server gives up on the answer (its query timeout) and keeps the batch to send again.
        await flushed;
      } finally {
        proxy.restore();
        await locker.end();
      }
      expect(retryWarnings(logged)).toHaveLength(1);
      unseen = sent.mock.calls[0][0].id;

      await recovered();
      for (let i = 0; i < 3; i++) await whoami(key.key).expect(200);
      sent.mockClear();
      await tracker.flush();
      resent = sent.mock.calls.map(([batch]) => batch.id);
    } finally {
      sent.mockRestore();
    }
    // The same batch went again, first, and was skipped; the three requests since were added after it.
    expect(resent).toEqual([unseen, expect.not.stringMatching(unseen)]);
    expect(await storedUsage(key.id)).toBe(13);
  });

  it('logged the outage readably, and kept SQL parameters (key digests) out of the logs', () => {
    const errors = t.logs.filter((line) => line.level === 'error' || line.level === 'warn');
    expect(errors.length).toBeGreaterThan(0);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        context: 'RevocationFeed',
        msg: expect.stringMatching(/^revocation feed lost/),
        retryInMs: expect.any(Number),
      }),
    );
    const raw = t.rawLogs();
    for (const key of keys) {
      expect(raw).not.toContain(key);
      expect(raw).not.toContain(digestApiKey(key));
    }
    expect(raw).not.toMatch(/select .* from api_key/i);
  });
});

/**
 * A statement that would wait forever (here, on a lock the test holds on its
 * own connection) is cancelled by PostgreSQL itself after
 * TPTM_DATABASE_TIMEOUT_MS: the request answers a 503 problem, nothing is
 * left waiting on the server, and the write does not happen when the lock
 * goes.
 */
onPostgres('database call timeouts', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startApp(db, { TPTM_DATABASE_TIMEOUT_MS: '1000' });
  });
  afterAll(() => t?.close());

  const waitingOnLocks = () =>
    db.query(`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`);

  it('cancels a statement blocked on a lock on the server, answers 503, and leaves nothing to run later', async () => {
    const owner = await ownerSession(t);
    const key = await createKey(t, owner, 'Before the lock');
    const locker = new Client({ connectionString: db.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table api_key in access exclusive mode');
      const renamed = await t.http.patch(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}`).set(bearer(owner.token)).send({ name: 'During the lock' });
      expect(expectProblem(renamed, 503).detail).toMatch(/database/);
      expect(renamed.headers['retry-after']).toBeDefined();
      // PostgreSQL gave up on the statement (its statement_timeout), not only the driver on its answer.
      expect(await waitingOnLocks()).toEqual([]);
      expect(t.logs).toContainEqual(expect.objectContaining({ err: expect.objectContaining({ code: '57014' }) }));
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    const keys = await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).expect(200);
    expect(keys.body.items.map((k: { name: string }) => k.name)).toEqual(['Before the lock']);
  });
});

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
}
