import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { unauthorized } from '../errors/problem';
import type { Principal } from '../authz/principal';

/** Console access tokens (passport-jwt). Every failure is the same uniform 401. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T = Principal>(error: unknown, principal: T | false): T {
    if (error) throw error;
    if (!principal) throw unauthorized();
    return principal;
  }
}
