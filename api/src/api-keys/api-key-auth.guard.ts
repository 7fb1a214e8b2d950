import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Strategy } from 'passport-strategy';
import { KEY_FAILURE_LIMITER } from '../auth/auth.guards';
import { FailureLimiter } from '../auth/failure-limiter';
import { unauthorized } from '../errors/problem';
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
    this.limiter.assertAllowed(request.ip);
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

/** One run of a passport strategy: its outcome, or a promise of it if the strategy settles later. */
export function runStrategy(strategy: Strategy, request: unknown): StrategyOutcome | Promise<StrategyOutcome> {
  let settled: Settled | undefined;
  let notify: ((settled: Settled) => void) | undefined;
  const settle = (result: Settled) => {
    if (settled) return;
    settled = result;
    notify?.(result);
  };
  const attempt = Object.create(strategy) as Strategy;
  attempt.success = (principal: StrategyOutcome) => settle({ principal });
  attempt.fail = () => settle({ principal: false });
  attempt.pass = () => settle({ principal: false });
  attempt.redirect = () => settle({ principal: false });
  attempt.error = (error: unknown) => settle({ error });
  attempt.authenticate(request as never);

  const unwrap = (result: Settled) => {
    if ('error' in result) throw result.error;
    return result.principal;
  };
  if (settled) return unwrap(settled);
  return new Promise((resolve, reject) => {
    notify = (result) => {
      try {
        resolve(unwrap(result));
      } catch (error) {
        reject(error);
      }
    };
  });
}
