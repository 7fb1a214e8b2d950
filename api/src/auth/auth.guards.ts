import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../errors/problem';
import type { Principal } from '../authz/principal';
import { FailureLimiter } from './failure-limiter';

export const KEY_FAILURE_LIMITER = Symbol('KEY_FAILURE_LIMITER');
export const LOGIN_FAILURE_LIMITER = Symbol('LOGIN_FAILURE_LIMITER');

/** Console access tokens (passport-jwt). Every failure is the same uniform 401. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T = Principal>(error: unknown, principal: T | false): T {
    if (error) throw error;
    if (!principal) throw unauthorized();
    return principal;
  }
}

/**
 * API keys (the `api-key` passport strategy). A client that keeps presenting
 * bad keys is refused with 429 before any verification work is done.
 */
@Injectable()
export class ApiKeyAuthGuard extends AuthGuard('api-key') {
  constructor(@Inject(KEY_FAILURE_LIMITER) private readonly limiter: FailureLimiter) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    this.limiter.assertAllowed(context.switchToHttp().getRequest<FastifyRequest>().ip);
    return super.canActivate(context);
  }

  override handleRequest<T = Principal>(error: unknown, principal: T | false, _info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!principal) {
      this.limiter.recordFailure(context.switchToHttp().getRequest<FastifyRequest>().ip);
      throw unauthorized();
    }
    return principal;
  }
}
