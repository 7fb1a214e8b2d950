import type { FailureLimit } from '../config/app-config';
import { ProblemException } from '../errors/problem';

interface Window {
  failures: number;
  resetsAt: number;
}

/** Injection tokens of the limiters: failed sign-ins (and password checks) per client and per account, failed API-key checks. */
export const LOGIN_FAILURE_LIMITER = Symbol('LOGIN_FAILURE_LIMITER');
export const ACCOUNT_FAILURE_LIMITER = Symbol('ACCOUNT_FAILURE_LIMITER');
export const KEY_FAILURE_LIMITER = Symbol('KEY_FAILURE_LIMITER');

/** Caps the clients tracked at once, so a flood of spoofed sources cannot grow memory without bound. */
const MAX_TRACKED_CLIENTS = 100_000;

/**
 * Counts failed attempts per client (an address, or the account a sign-in
 * names) in fixed windows. Only failures are
 * counted (an attempt in flight counts until it succeeds, see `reserve`), and a client under its limit costs one map lookup, so legitimate
 * traffic is never slowed; a client over it is refused until the window ends.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: FailureLimit,
    /** What failed and whose, for the 429's message: "sign-ins from this client". */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any client has failed recently; while none has, there is nothing to check. */
  get tracking(): boolean {
    return this.windows.size > 0;
  }

  /** Throws 429 with Retry-After while the client is over its limit. */
  assertAllowed(client: string): void {
    const window = this.windows.get(client);
    if (window === undefined) return;
    const now = this.now();
    if (window.resetsAt <= now) {
      this.windows.delete(client);
      return;
    }
    if (window.failures >= this.limit.maxFailures) {
      const retryAfter = Math.max(1, Math.ceil((window.resetsAt - now) / 1000));
      throw new ProblemException('tooManyRequests', `Too many failed ${this.what}. Try again in ${retryAfter} seconds.`, undefined, {
        'Retry-After': String(retryAfter),
      });
    }
  }

  /**
   * Counts an attempt as a failure before it is checked, so attempts in
   * flight at the same time cannot all pass `assertAllowed` while the slow
   * check runs; throws 429 like `assertAllowed` when no attempt is left.
   * Call the returned function when the attempt succeeds (or never ran) to
   * take the count back; calling it again does nothing.
   */
  reserve(client: string): () => void {
    this.assertAllowed(client);
    this.recordFailure(client);
    const window = this.windows.get(client);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (window === undefined || this.windows.get(client) !== window || window.failures <= 0) return;
      window.failures--;
      if (window.failures === 0) this.windows.delete(client);
    };
  }

  /**
   * Runs a slow credential check with an attempt reserved for it: the
   * attempt stays counted only when `check` answers `undefined` (a wrong
   * credential); an answer, or an error (the database, say), takes it back.
   */
  async attempt<T>(client: string, check: () => Promise<T | undefined>): Promise<T | undefined> {
    const release = this.reserve(client);
    let wrong = false;
    try {
      const result = await check();
      wrong = result === undefined;
      return result;
    } finally {
      if (!wrong) release();
    }
  }

  recordFailure(client: string): void {
    const now = this.now();
    const window = this.windows.get(client);
    if (window && window.resetsAt > now) {
      window.failures++;
      return;
    }
    if (this.windows.size >= MAX_TRACKED_CLIENTS) this.evict(now);
    this.windows.set(client, { failures: 1, resetsAt: now + this.limit.windowSeconds * 1000 });
  }

  private evict(now: number): void {
    for (const [client, window] of this.windows) {
      if (window.resetsAt <= now) this.windows.delete(client);
    }
    // Still full of live windows: drop the oldest entries (Map keeps insertion order).
    for (const client of this.windows.keys()) {
      if (this.windows.size < MAX_TRACKED_CLIENTS) break;
      this.windows.delete(client);
    }
  }
}
