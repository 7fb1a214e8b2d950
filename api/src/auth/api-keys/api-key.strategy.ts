import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { Strategy } from 'passport-strategy';
import { ProblemException } from '../../errors/problem';
import type { VerifiedKey } from './api-key-store';
import { ApiKeyVerifier, KeyRefusal } from './api-key.verifier';

const BEARER = /^Bearer +(\S+) *$/i;

/** The key from `X-API-Key`, or else from `Authorization: Bearer`. */
export function extractApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  const authorization = request.headers.authorization;
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/**
 * The `api-key` passport strategy: reads the key from the request headers and
 * verifies it. Registered with passport like any strategy; on a cache hit it
 * succeeds synchronously, so a warm integration request creates no promise.
 * A valid key from an address it does not allow, or breaking its
 * organization's key policy, is a 403 (it is no guess of a key); every other refusal is the uniform 401, whatever the reason.
 */
@Injectable()
export class ApiKeyStrategy extends Strategy {
  readonly name = 'api-key';

  constructor(private readonly verifier: ApiKeyVerifier) {
    super();
    passport.use(this);
  }

  override authenticate(request: unknown): void {
    const key = extractApiKey(request as FastifyRequest);
    if (!key) return this.fail(401);
    const checked = this.verifier.check(key, () => (request as FastifyRequest).ip);
    if (checked instanceof Promise) {
      checked.then(
        (outcome) => this.settle(outcome),
        (error: Error) => this.error(error),
      );
    } else {
      this.settle(checked);
    }
  }

  private settle(outcome: VerifiedKey | KeyRefusal): void {
    if (!(outcome instanceof KeyRefusal)) this.success(outcome);
    else if (outcome.code === 'IP_NOT_ALLOWED') this.error(ipNotAllowed());
    else if (outcome.code === 'POLICY_VIOLATION') this.error(policyRefused());
    else this.fail(401);
  }
}

const ipNotAllowed = () =>
  new ProblemException(
    'ipNotAllowed',
    "This API key may not be used from this address. An administrator can add the address to the key's allowed addresses.",
  );

const policyRefused = () =>
  new ProblemException(
    'policyRefused',
    "This API key breaks its organization's key policy and is refused until an administrator fixes it on the key's page.",
  );

/** What one run of a passport strategy came to: a principal, or false for "not authenticated". */
export type StrategyOutcome = VerifiedKey | false;
