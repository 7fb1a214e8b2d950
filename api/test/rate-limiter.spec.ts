import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeyStore } from '../src/auth/api-keys/api-key-store';
import { EmbeddedDatabase, IN_MEMORY } from '../src/database/embedded-database';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { RATE_SLOTS, RateLimiter, RateLimitPolicy } from '../src/auth/api-keys/rate-limiter';
import { Clock } from '../src/common/clock';
import { startTestApp, TestApp } from './harness';
import { countQueries, createKey, ownerSession, Session } from './fixtures';

/** A clock the test moves by hand, shared by every limiter (instance) of a scenario. */
class TestClock extends Clock {
  at = Math.ceil(Date.now() / 60_000) * 60_000;
  override now(): number {
    return this.at;
  }
}

/**
 * The shared rate limiter against the real database: instances are limiters
 * with their own memory over the one database, as servers behind a balancer
 * are. Time is simulated, so the windows are exact and the runs repeatable;
 * every lease and give-back is a real statement.
 */
describe('rate limiter (leases of a shared window)', () => {
  let t: TestApp;
  let owner: Session;
  let store: ApiKeyStore;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    store = t.app.get(ApiKeyStore);
  });
  afterAll(() => t.close());
  let scenarios = 0;

  /**
   * Sends `rate` × the limit per window, spread evenly and round-robin over
   * the instances, for `windows` windows; returns when each request was admitted.
   */
  async function overload(instances: number, policy: RateLimitPolicy, windows: number, rate: number): Promise<number[]> {
    const { id } = await createKey(t, owner, `Overloaded ${++scenarios}`);
    const clock = new TestClock();
    const limiters = Array.from({ length: instances }, () => new RateLimiter(store, clock));
    const windowMs = policy.windowSeconds * 1000;
    const step = windowMs / (policy.requests * rate);
    const start = clock.at;
    const admitted: number[] = [];
    let nextSweep = start + 250;
    for (let i = 0; start + i * step < start + windows * windowMs; i++) {
      clock.at = start + i * step;
      if (clock.at >= nextSweep) {
        await Promise.all(limiters.map((l) => l.sweep()));
        nextSweep += 250;
      }
      const decision = await limiters[i % instances].take(id, policy);
      if (decision.allowed) admitted.push(clock.at - start);
    }
    return admitted;
  }

  /** The most requests admitted in any window-long interval, and the fewest and most in each whole window after the first. */
  function measure(admitted: number[], windowMs: number, windows: number) {
    let most = 0;
    let from = 0;
    for (let to = 0; to < admitted.length; to++) {
      while (admitted[from] <= admitted[to] - windowMs) from++;
      most = Math.max(most, to - from + 1);
    }
    const perWindow = Array.from({ length: windows }, (_, w) => admitted.filter((at) => at >= w * windowMs && at < (w + 1) * windowMs).length);
    return { mostInAnyWindow: most, perWindow: perWindow.slice(1) };
  }

  it.each([2, 4])('admits between 0.95 and 1.05 × the limit per window with %i instances sending 3 × the limit', async (instances) => {
    const policy = { requests: 300, windowSeconds: 10 };
    const windows = 20;
    const admitted = await overload(instances, policy, windows, 3);
    const { mostInAnyWindow, perWindow } = measure(admitted, policy.windowSeconds * 1000, windows);
    const ratio = (n: number) => (n / policy.requests).toFixed(3);
    console.log(
      `${instances} instances: accepted ÷ limit per window ${ratio(Math.min(...perWindow))}–${ratio(Math.max(...perWindow))}, ` +
        `most in any window-long interval ${ratio(mostInAnyWindow)}`,
    );
    expect(mostInAnyWindow).toBeLessThanOrEqual(policy.requests * 1.05);
    expect(Math.min(...perWindow)).toBeGreaterThanOrEqual(policy.requests * 0.95);
    expect(Math.max(...perWindow)).toBeLessThanOrEqual(policy.requests * 1.05);
  });

  it('admits everything under the limit', async () => {
    const policy = { requests: 300, windowSeconds: 10 };
    const admitted = await overload(2, policy, 5, 0.9);
    const sent = Math.ceil(5 * 300 * 0.9);
    expect(admitted).toHaveLength(sent);
  });

  it('gives simultaneous requests one lease between them, and refuses a spent window from memory', async () => {
    const { id } = await createKey(t, owner, 'Burst');
    const clock = new TestClock();
    const limiter = new RateLimiter(store, clock);
    const policy = { requests: 10, windowSeconds: 60 };
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.take(id, policy)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const refused = decisions.find((d) => !d.allowed)!;
    expect(refused.remaining).toBe(0);
    // The window's only slot with grants leaves it 33 slots of 1.875 s later: that is when to retry.
    expect(refused.retryAfterSeconds).toBe(62);
    const statements = await countQueries(t, async () => {
      for (let i = 0; i < 100; i++) expect((await limiter.take(id, policy)).allowed).toBe(false);
    });
    expect(statements).toBe(0);
    // In the next slot the database is asked again, once, however many are refused.
    clock.at += 60_000 / RATE_SLOTS;
    const nextSlot = await countQueries(t, async () => {
      const later = await Promise.all(Array.from({ length: 100 }, () => limiter.take(id, policy)));
      expect(later.every((d) => !d.allowed)).toBe(true);
    });
    expect(nextSlot).toBe(1);
  });

  it('asks a spent window again at the next slot, so budget another instance gave back is not lost', async () => {
    const { id } = await createKey(t, owner, 'Spent, then given back');
    const clock = new TestClock();
    const [a, b] = [new RateLimiter(store, clock), new RateLimiter(store, clock)];
    const policy = { requests: 6_600, windowSeconds: 60 };
    const slotMs = 60_000 / RATE_SLOTS;
    // A leases more than it spends; B spends what is left of the window and is refused the rest.
    await Promise.all(Array.from({ length: 100 }, () => a.take(id, policy)));
    clock.at += slotMs;
    expect((await a.take(id, policy)).allowed).toBe(true);
    const burst = (await Promise.all(Array.from({ length: 6_600 }, () => b.take(id, policy)))).filter((d) => d.allowed).length;
    const heldByA = 6_600 - 101 - burst;
    expect(heldByA).toBeGreaterThan(0);
    // A's slot ends and it gives back what it held: B, refused a moment ago, admits exactly that in its next slot.
    clock.at += slotMs;
    await a.sweep();
    const after = await Promise.all(Array.from({ length: 200 }, () => b.take(id, policy)));
    expect(after.filter((d) => d.allowed)).toHaveLength(heldByA);
  });

  it('serves a hot key from its lease: far fewer statements than requests', async () => {
    const { id } = await createKey(t, owner, 'Hot');
    const clock = new TestClock();
    const limiter = new RateLimiter(store, clock);
    const policy = { requests: 1_000_000, windowSeconds: 60 };
    let admitted = 0;
    const statements = await countQueries(t, async () => {
      for (let slot = 0; slot < 4; slot++) {
        clock.at += 60_000 / RATE_SLOTS;
        const decisions = await Promise.all(Array.from({ length: 2_000 }, () => limiter.take(id, policy)));
        admitted += decisions.filter((d) => d.allowed).length;
      }
    });
    expect(admitted).toBe(8_000);
    expect(statements).toBeLessThan(8_000 / 100);
  });

  it('gives back what an instance leased and did not spend', async () => {
    const { id } = await createKey(t, owner, 'Given back');
    const clock = new TestClock();
    const [a, b] = [new RateLimiter(store, clock), new RateLimiter(store, clock)];
    const policy = { requests: 6_600, windowSeconds: 60 };
    const slotMs = 60_000 / RATE_SLOTS;
    // 100 requests in one slot make A lease 100 at once in the next, where it spends one.
    await Promise.all(Array.from({ length: 100 }, () => a.take(id, policy)));
    clock.at += slotMs;
    expect((await a.take(id, policy)).allowed).toBe(true);
    const granted = async () =>
      (await t.db.query<{ n: number }>('select coalesce(sum(granted), 0)::int as n from api_key_rate_slot where api_key_id = $1', [id]))[0].n;
    expect(await granted()).toBeGreaterThan(101 + 90);
    clock.at += slotMs;
    await a.sweep();
    expect(await granted()).toBe(101); // exactly what A admitted
    expect((await b.take(id, policy)).allowed).toBe(true);
  });

  it('goes on deciding from what the instance admitted itself when the database is unreachable, never with an error', async () => {
    // A store whose database is gone: every lease fails as a lost database does, in the real driver.
    const gone = await EmbeddedDatabase.open(IN_MEMORY);
    const orm = await MikroORM.init(ormOptions(undefined, gone, { entities: ENTITIES }));
    const unreachable = new ApiKeyStore(orm.em as EntityManager);
    await orm.close(true);
    await gone.close();
    const clock = new TestClock();
    const limiter = new RateLimiter(unreachable, clock);
    const policy = { requests: 5, windowSeconds: 60 };
    const id = '00000000-0000-4000-8000-000000000001';
    const decisions = await Promise.all(Array.from({ length: 8 }, () => limiter.take(id, policy)));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    // Past the window the instance's own admissions leave it, and it admits again (asking the database again first).
    clock.at += 62_000;
    expect((await limiter.take(id, policy)).allowed).toBe(true);
  });
});
