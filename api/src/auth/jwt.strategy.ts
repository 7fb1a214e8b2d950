import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, SecretOrKeyProvider, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { UserPrincipal } from '../authz/principal';
import { UUID_PATTERN } from '../common/validators';

export const TOKEN_ISSUER = 'tptm';
export const TOKEN_AUDIENCE = 'tptm-console';
/** Leeway for servers whose clocks drift apart by a few seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Whether `token` is an HS256 JWT whose signature `secret` made. */
function signedWith(token: string, secret: string): boolean {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) return false;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Tokens are signed with TPTM_JWT_SECRET only; with TPTM_JWT_PREVIOUS_SECRET
 * set, a token that secret signed is accepted too, so the signing secret can
 * be rotated without signing everyone out (docs/security.md). Expiry,
 * issuer, audience and algorithm are checked the same either way. The
 * secrets are handed over as key objects: given a string, jsonwebtoken first
 * tries to read it as a public key, and that failure (an exception per
 * request) was 6% of the CPU of a console request.
 */
function secretOptions(config: AppConfig): { secretOrKeyProvider: SecretOrKeyProvider } {
  const { jwtSecret, jwtPreviousSecret } = config;
  const current = createSecretKey(Buffer.from(jwtSecret));
  const previous = jwtPreviousSecret === undefined ? undefined : createSecretKey(Buffer.from(jwtPreviousSecret));
  const keyFor = (token: string): KeyObject => (previous && !signedWith(token, jwtSecret) ? previous : current);
  // passport-jwt's types predate key objects; it hands the key to jsonwebtoken's verify as it is.
  return { secretOrKeyProvider: (_request, token: string, done) => done(null, keyFor(token) as unknown as Buffer) };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ...secretOptions(config),
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
    });
  }

  /**
   * The signature, issuer, audience and an `exp` in the past are checked by
   * passport-jwt; a token that leaves out `exp` or `iat`, was issued in the
   * future, or names no user id or session would pass there, so those are
   * refused here (with the same uniform 401: returning false is "no
   * principal"). Whether the session still stands is the access guard's
   * question, asked of the database.
   */
  validate(payload: TokenClaims): UserPrincipal | false {
    return isValidClaims(payload, Math.floor(Date.now() / 1000)) ? { kind: 'user', userId: payload.sub, sessionId: payload.sid } : false;
  }
}

interface TokenClaims {
  sub?: unknown;
  sid?: unknown;
  iat?: unknown;
  exp?: unknown;
}

export function isValidClaims(payload: TokenClaims, nowSeconds: number): payload is { sub: string; sid: string; iat: number; exp: number } {
  const { sub, sid, iat, exp } = payload;
  return (
    typeof sub === 'string' &&
    UUID_PATTERN.test(sub) &&
    typeof sid === 'string' &&
    UUID_PATTERN.test(sid) &&
    typeof iat === 'number' &&
    Number.isFinite(iat) &&
    iat <= nowSeconds + CLOCK_TOLERANCE_SECONDS &&
    typeof exp === 'number' &&
    Number.isFinite(exp) &&
    exp > iat
  );
}
