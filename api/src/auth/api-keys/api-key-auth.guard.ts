import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Strategy } from 'passport-strategy';
import { FailureLimiter, KEY_FAILURE_LIMITER } from '../failure-limiter';
import { unauthorized } from '../../errors/problem';
import { ApiKeyStrategy, StrategyOutcome } from './api-key.strategy';

/**
 * Authenticates integration requests with the `api-key` passport strategy.
 * It runs the strategy as passport.authenticate() does — a per-request
 * delegate whose success/fail/error settle the outcome — without the generic
 * multi-strategy, session and promise plumbing around it, which made a warm
 * authenticated request measurably slower than an anonymous one in
 * `npm run bench` (see docs/performance.md). A client that keeps presenting
 * bad keys is refused with 429 before any verification work is done.
 */
@Injectable()
export class ApiKeyAuthGuard {
  constructor(
    private readonly strategy: ApiKeyStrategy,
    @Inject(KEY_FAILURE_LIMITER) private readonly limiter: FailureLimiter,
  ) {}

  /** Synchronous when the strategy settles synchronously (a cached key). */
  authenticate(request: FastifyRequest): true | Promise<true> {
    // request.ip costs a getpeername() system call: asked only once some client has failed.
    if (this.limiter.tracking) this.limiter.assertAllowed(request.ip);
    const outcome = runStrategy(this.strategy, request);
    return outcome instanceof Promise ? outcome.then((principal) => this.admit(request, principal)) : this.admit(request, outcome);
  }

  private admit(request: FastifyRequest, principal: StrategyOutcome): true {
    if (!principal) {
      this.limiter.recordFailure(request.ip);
      throw unauthorized();
    }
    request.user = principal;
    return true;
  }
}

type Settled = { principal: StrategyOutcome } | { error: unknown };

/**
 * The per-request stand-in passport makes for a strategy: the strategy's own
 * methods, plus success/fail/error that record the outcome. One object per
 * request whose methods live on a shared prototype, rather than a fresh set
 * of closures each time.
 */
interface Attempt extends Strategy {
  settled?: Settled;
  notify?: (settled: Settled) => void;
}

const attemptMethods = {
  success(this: Attempt, principal: StrategyOutcome) {
    settle(this, { principal });
  },
  fail(this: Attempt) {
    settle(this, { principal: false });
  },
  pass(this: Attempt) {
    settle(this, { principal: false });
  },
  redirect(this: Attempt) {
    settle(this, { principal: false });
  },
  error(this: Attempt, error: unknown) {
    settle(this, { error });
  },
};

function settle(attempt: Attempt, result: Settled): void {
  if (attempt.settled) return;
  attempt.settled = result;
  attempt.notify?.(result);
}

function unwrap(result: Settled): StrategyOutcome {
  if ('error' in result) throw result.error;
  return result.principal;
}

const attemptPrototypes = new WeakMap<Strategy, object>();

/** One run of a passport strategy: its outcome, or a promise of it if the strategy settles later. */
export function runStrategy(strategy: Strategy, request: unknown): StrategyOutcome | Promise<StrategyOutcome> {
  let prototype = attemptPrototypes.get(strategy);
  if (prototype === undefined) {
    prototype = Object.assign(Object.create(strategy) as object, attemptMethods);
    attemptPrototypes.set(strategy, prototype);
  }
  const attempt = Object.create(prototype) as Attempt;
  attempt.authenticate(request as never);
  if (attempt.settled) return unwrap(attempt.settled);
  return new Promise((resolve, reject) => {
    attempt.notify = (result) => {
      try {
        resolve(unwrap(result));
      } catch (error) {
        reject(error);
      }
    };
  });
}
