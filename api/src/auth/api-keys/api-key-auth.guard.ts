import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Strategy } from 'passport-strategy';
import { FailureLimiter, KEY_FAILURE_LIMITER } from '../failure-limiter';
import { ProblemException, unauthorized } from '../../errors/problem';
import type { VerifiedKey } from './api-key-store';
import { ApiKeyStrategy, StrategyOutcome } from './api-key.strategy';
import { ApiKeyVerifier } from './api-key.verifier';
import type { RateDecision } from './rate-limiter';

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
    private readonly verifier: ApiKeyVerifier,
    @Inject(KEY_FAILURE_LIMITER) private readonly limiter: FailureLimiter,
  ) {}

  /** Synchronous when the strategy settles synchronously (a cached key). */
  authenticate(request: FastifyRequest): true | Promise<true> {
    // request.ip costs a getpeername() system call: asked only once some client has failed.
    if (this.limiter.tracking) this.limiter.assertAllowed(request.ip);
    const outcome = runStrategy(this.strategy, request);
    return outcome instanceof Promise ? outcome.then((principal) => this.accept(request, principal)) : this.accept(request, outcome);
  }

  /**
   * The last step for a key that passed every other check (the route's
   * permission included): its rate limit, then its usage. Every answer to a
   * key with a limit carries the RateLimit headers, its 429 included.
   */
  admit(request: FastifyRequest, reply: FastifyReply): true | Promise<true> {
    const decision = this.verifier.admit(request.user as VerifiedKey);
    if (decision === null) return true;
    return decision instanceof Promise ? decision.then((settled) => applyRateLimit(reply, settled)) : applyRateLimit(reply, decision);
  }

  private accept(request: FastifyRequest, principal: StrategyOutcome): true {
    if (!principal) {
      this.limiter.recordFailure(request.ip);
      throw unauthorized();
    }
    request.user = principal;
    return true;
  }
}

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the key's policy, and what is left of it. */
function applyRateLimit(reply: FastifyReply, decision: RateDecision): true {
  const state = `"key";r=${decision.remaining};t=${decision.resetSeconds}`;
  if (!decision.allowed) {
    throw new ProblemException(
      'rateLimited',
      `This API key may make ${decision.policy.requests} requests per ${decision.policy.windowSeconds} seconds. Try again in ${decision.retryAfterSeconds} seconds.`,
      undefined,
      { 'RateLimit-Policy': decision.policyHeader, RateLimit: state, 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }
  reply.header('ratelimit-policy', decision.policyHeader);
  reply.header('ratelimit', state);
  return true;
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
