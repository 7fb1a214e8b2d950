import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { Strategy } from 'passport-strategy';
import type { ApiKeyPrincipal } from '../../authz/principal';
import { ApiKeyVerifier } from './api-key.verifier';

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
    const verified = this.verifier.verify(key);
    if (verified instanceof Promise) {
      verified.then(
        (principal) => (principal ? this.success(principal) : this.fail(401)),
        (error: Error) => this.error(error),
      );
    } else if (verified) {
      this.success(verified);
    } else {
      this.fail(401);
    }
  }
}

/** What one run of a passport strategy came to: a principal, or false for "not authenticated". */
export type StrategyOutcome = ApiKeyPrincipal | false;
