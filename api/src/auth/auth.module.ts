import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { AuthService } from './auth.service';
import { ACCOUNT_FAILURE_LIMITER, FailureLimiter, LOGIN_FAILURE_LIMITER } from './failure-limiter';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SessionsService } from './sessions.service';
import { MailModule } from '../mail/mail.module';

@Module({
  imports: [
    PassportModule,
    MailModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    PasswordResetService,
    JwtStrategy,
    JwtAuthGuard,
    {
      provide: PasswordHasher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PasswordHasher(config.passwordHashCost),
    },
    {
      provide: LOGIN_FAILURE_LIMITER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FailureLimiter(config.loginFailures, 'sign-ins from this client'),
    },
    {
      provide: ACCOUNT_FAILURE_LIMITER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FailureLimiter(config.accountLoginFailures, 'sign-ins for this account'),
    },
  ],
  exports: [AuthService, SessionsService, PasswordResetService, PasswordHasher, JwtAuthGuard, LOGIN_FAILURE_LIMITER],
})
export class AuthModule {}
