import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { UserPrincipal } from '../authz/principal';

export const TOKEN_ISSUER = 'tptm';
export const TOKEN_AUDIENCE = 'tptm-console';
/** Leeway for servers whose clocks drift apart by a few seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
    });
  }

  validate(payload: { sub?: unknown }): UserPrincipal | false {
    return typeof payload.sub === 'string' ? { kind: 'user', userId: payload.sub } : false;
  }
}
