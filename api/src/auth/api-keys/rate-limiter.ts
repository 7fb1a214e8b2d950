import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { loggableError } from '../../errors/to-problem';
import { ApiKeyStore, RateLease } from './api-key-store';

/** A key's limit: at most `requests` in any `windowSeconds`-long interval, across every instance. */
export interface RateLimitPolicy {
  requests: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  policy: RateLimitPolicy;
  /** The `RateLimit-Policy` field for this policy, written once per key rather than per request. */
  policyHeader: string;
  /** Requests left in the window after this one, as this instance knows it. */
  remaining: number;
  /** Seconds until the whole quota is available again (the `t` of the RateLimit header). */
  resetSeconds: number;
  /** On a refusal, when a request may succeed again (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * A window is counted in slots of 1/32 of it. The database sums the last 33
 * slots (the current one included), which cover at least a whole window, so
 * no window-long interval can hold more than the limit; under a steady
 * overload the extra slot costs at most 1/33 of the budget (accepted ≥ 0.97 ×
 * the limit).
 */
export const RATE_SLOTS = 32;
/** How long the limiter decides from memory alone after the database failed a lease, before asking it again. */
const LOCAL_MODE_MS = 5_000;
/** How often the slots of idle keys are closed (their unspent leases given back), and idle keys forgotten. */
const SWEEP_MS = 250;

type Waiter = (decision: RateDecision) => void;

/** What one instance holds of one key's limit. */
class KeyRate {
  readonly slotMs: number;
  /** The most one lease asks for: two leases of every instance can share a slot's freed budget. */
  readonly maxLease: number;
  readonly policyHeader: string;
  slot = -1;
  /** Leased for `slot` and not yet spent. */
  available = 0;
  /** Requests this instance saw in `slot`, and in the slot before it (the size of the next lease). */
  demand = 0;
  previousDemand = 0;
  /** The window's requests granted on every instance, as of this instance's last lease. */
  usedGlobally = 0;
  /** The database said the window is spent: until then, unless budget is given back (the refusals' Retry-After). */
  blockedUntil = 0;
  /**
   * A spent window is asked about again no sooner than the next slot: other
   * instances give back what their ended slots did not spend, and waiting for
   * `blockedUntil` instead held the key below its limit (bench figure 7's
   * accuracy, 0.90 with 4 instances on a busy machine). One statement per
   * slot at most, however many requests are refused meanwhile.
   */
  askAgainAt = 0;
  /** Requests admitted by this instance per slot (a ring): what the limit is decided from when the database is away. */
  readonly admitted = new Array<number>(RATE_SLOTS + 1).fill(0);
  readonly admittedSlots = new Array<number>(RATE_SLOTS + 1).fill(-1);
  readonly waiting: Waiter[] = [];
  leasing = false;
  lastSeen = 0;

  constructor(
    readonly apiKeyId: string,
    readonly policy: RateLimitPolicy,
  ) {
    this.slotMs = (policy.windowSeconds * 1000) / RATE_SLOTS;
    this.maxLease = Math.max(1, Math.floor(policy.requests / ((RATE_SLOTS + 1) * 2)));
    this.policyHeader = `"key";q=${policy.requests};w=${policy.windowSeconds}`;
  }

  /** Requests this instance admitted in the slots the window counts. */
  admittedInWindow(): number {
    let sum = 0;
    for (let i = 0; i <= RATE_SLOTS; i++) if (this.admittedSlots[i] > this.slot - RATE_SLOTS - 1) sum += this.admitted[i];
    return sum;
  }

  /** The oldest counted slot holding one of this instance's admissions, for a refusal's Retry-After. */
  oldestAdmittedSlot(): number {
    let oldest = this.slot;
    for (let i = 0; i <= RATE_SLOTS; i++) {
      const slot = this.admittedSlots[i];
      if (this.admitted[i] > 0 && slot > this.slot - RATE_SLOTS - 1 && slot < oldest) oldest = slot;
    }
    return oldest;
  }
}

/**
 * Rate limits shared by every instance without a database round trip per
 * request. Each instance leases a share of a key's budget for the current
 * slot from PostgreSQL (one statement, under a lock on the key, that grants
 * at most what the window has left) and spends it from memory; concurrent
 * requests that find the lease spent wait for one lease together. What a
 * slot did not spend is given back once it ends, so the budget is not lost
 * to an idle instance. A lease that finds the window spent says when its
 * oldest slot leaves the window: until then this instance refuses from
 * memory, so a key over its limit costs the database nothing per request.
 *
 * When the database cannot be reached, each instance goes on deciding from
 * what it admitted itself (the limit then holds per instance) and asks the
 * database again a few seconds later: never a 5xx for a rate limit.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly keys = new Map<string, KeyRate>();
  private givenBack = new Map<string, { id: string; slot: number; n: number }>();
  private localUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private returning: Promise<void> = Promise.resolve();
  private giveBackScheduled = false;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweep();
  }

  /**
   * Counts one request of the key against its limit. Synchronous while this
   * instance holds part of a lease (the hot path), or while the window is known
   * to be spent; a promise when a lease must be asked for.
   */
  take(apiKeyId: string, policy: RateLimitPolicy): RateDecision | Promise<RateDecision> {
    const now = this.clock.now();
    const state = this.stateOf(apiKeyId, policy, now);
    state.demand++;
    if (state.available > 0) {
      state.available--;
      return this.admit(state, now);
    }
    if (now < state.askAgainAt) return this.refuse(state, now, state.blockedUntil);
    if (now < this.localUntil) return this.decideLocally(state, now);
    return new Promise<RateDecision>((resolve) => {
      state.waiting.push(resolve);
      if (!state.leasing) void this.lease(state);
    });
  }

  /**
   * What is left of the key's window, as this instance knows it, without
   * counting a request: for answers about a request that was refused for
   * another reason. A key this instance has not seen lately is reported whole.
   */
  peek(apiKeyId: string, policy: RateLimitPolicy): { remaining: number; resetSeconds: number } {
    const state = this.keys.get(apiKeyId);
    if (!state || state.policy.requests !== policy.requests || state.policy.windowSeconds !== policy.windowSeconds) {
      return { remaining: policy.requests, resetSeconds: 0 };
    }
    const now = this.clock.now();
    const resetSeconds = Math.max(0, Math.ceil(((state.slot + RATE_SLOTS + 1) * state.slotMs - now) / 1000));
    if (now < state.blockedUntil) return { remaining: 0, resetSeconds };
    const left = now < this.localUntil ? policy.requests - state.admittedInWindow() : policy.requests - state.usedGlobally + state.available;
    return { remaining: Math.max(0, Math.min(policy.requests, left)), resetSeconds };
  }

  /** A key whose limit changed or that was deleted: what this instance held of it is given back and forgotten. */
  forget(apiKeyId: string): void {
    const state = this.keys.get(apiKeyId);
    if (!state || state.leasing) return;
    this.giveBack(state);
    this.keys.delete(apiKeyId);
  }

  private stateOf(apiKeyId: string, policy: RateLimitPolicy, now: number): KeyRate {
    let state = this.keys.get(apiKeyId);
    if (state && (state.policy.requests !== policy.requests || state.policy.windowSeconds !== policy.windowSeconds)) {
      this.giveBack(state);
      // Requests waiting on the old policy's lease are settled by it; the key starts afresh under the new one.
      state = undefined;
    }
    if (!state) {
      state = new KeyRate(apiKeyId, policy);
      this.keys.set(apiKeyId, state);
    }
    state.lastSeen = now;
    this.advance(state, now);
    return state;
  }

  /** Moves the key to the slot holding `now`, giving back what the ended slot did not spend. */
  private advance(state: KeyRate, now: number): void {
    const slot = Math.floor(now / state.slotMs);
    if (slot === state.slot) return;
    this.giveBack(state);
    state.previousDemand = slot === state.slot + 1 ? state.demand : 0;
    state.demand = 0;
    state.slot = slot;
  }

  /** Asks the database for leases until every waiting request is decided. */
  private async lease(state: KeyRate): Promise<void> {
    state.leasing = true;
    try {
      while (state.waiting.length > 0) {
        const now = this.clock.now();
        this.advance(state, now);
        if (now < state.askAgainAt || now < this.localUntil) {
          for (const resolve of state.waiting.splice(0)) {
            resolve(now < state.askAgainAt ? this.refuse(state, now, state.blockedUntil) : this.decideLocally(state, now));
          }
          return;
        }
        const slot = state.slot;
        const want = Math.min(state.maxLease, Math.max(state.previousDemand, state.demand, state.waiting.length));
        let lease: RateLease;
        try {
          lease = await this.store.leaseRate(state.apiKeyId, slot, RATE_SLOTS, state.policy.requests, want);
        } catch (error) {
          this.localUntil = this.clock.now() + LOCAL_MODE_MS;
          this.logger.warn({ err: loggableError(error) }, 'rate limits decided from this instance alone: the database did not answer a lease');
          continue;
        }
        const settledAt = this.clock.now();
        state.usedGlobally = lease.used;
        let tokens = lease.granted;
        // Requests that waited for this lease spend it even if its slot ended meanwhile: one slot of slack that the 33 counted slots allow for.
        while (tokens > 0 && state.waiting.length > 0) {
          tokens--;
          state.waiting.shift()!(this.admit(state, settledAt));
        }
        this.advance(state, settledAt);
        if (state.slot === slot) state.available += tokens;
        else if (tokens > 0) this.queueGiveBack(state.apiKeyId, slot, tokens);
        if (lease.granted < want && lease.oldestSlot !== null) {
          state.blockedUntil = (lease.oldestSlot + RATE_SLOTS + 1) * state.slotMs;
          state.askAgainAt = Math.min(state.blockedUntil, (slot + 1) * state.slotMs);
        }
      }
    } finally {
      state.leasing = false;
    }
  }

  private decideLocally(state: KeyRate, now: number): RateDecision {
    if (state.admittedInWindow() < state.policy.requests) return this.admit(state, now);
    return this.refuse(state, now, (state.oldestAdmittedSlot() + RATE_SLOTS + 1) * state.slotMs);
  }

  private admit(state: KeyRate, now: number): RateDecision {
    const slot = Math.floor(now / state.slotMs);
    const i = slot % (RATE_SLOTS + 1);
    if (state.admittedSlots[i] !== slot) {
      state.admittedSlots[i] = slot;
      state.admitted[i] = 0;
    }
    state.admitted[i]++;
    const local = now < this.localUntil;
    const remaining = local ? state.policy.requests - state.admittedInWindow() : state.policy.requests - state.usedGlobally + state.available;
    return {
      allowed: true,
      policy: state.policy,
      policyHeader: state.policyHeader,
      remaining: Math.max(0, remaining),
      resetSeconds: Math.ceil(((slot + RATE_SLOTS + 1) * state.slotMs - now) / 1000),
      retryAfterSeconds: 0,
    };
  }

  private refuse(state: KeyRate, now: number, until: number): RateDecision {
    return {
      allowed: false,
      policy: state.policy,
      policyHeader: state.policyHeader,
      remaining: 0,
      resetSeconds: Math.ceil(((state.slot + RATE_SLOTS + 1) * state.slotMs - now) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
    };
  }

  private giveBack(state: KeyRate): void {
    if (state.available > 0) this.queueGiveBack(state.apiKeyId, state.slot, state.available);
    state.available = 0;
  }

  /**
   * Budget left unspent is given back as soon as its slot ends, one statement
   * for what ended together: until it is, every instance counts it as spent,
   * and a key at its limit would be held below it.
   */
  private queueGiveBack(id: string, slot: number, n: number): void {
    const key = `${id}:${slot}`;
    const queued = this.givenBack.get(key);
    if (queued) queued.n += n;
    else this.givenBack.set(key, { id, slot, n });
    if (!this.giveBackScheduled) {
      this.giveBackScheduled = true;
      setImmediate(() => {
        this.giveBackScheduled = false;
        void this.flushGiveBacks();
      });
    }
  }

  private flushGiveBacks(): Promise<void> {
    if (this.givenBack.size === 0) return this.returning;
    const batch = [...this.givenBack.values()];
    this.givenBack = new Map();
    // A give-back that fails is dropped: the budget it held comes back when its slot leaves the window.
    this.returning = this.returning
      .then(() => this.store.giveBackRate(batch))
      .catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'unspent rate-limit leases not given back'));
    return this.returning;
  }

  /**
   * Gives back the unspent leases of ended slots in one statement, and
   * forgets keys idle for longer than their window. Run by a timer; settles
   * when what it gave back is written.
   */
  sweep(): Promise<void> {
    const now = this.clock.now();
    for (const [id, state] of this.keys) {
      if (state.leasing) continue;
      this.advance(state, now);
      if (now - state.lastSeen > state.policy.windowSeconds * 1000 + state.slotMs) this.keys.delete(id);
    }
    return this.flushGiveBacks();
  }
}
