import { Module } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FailureLimiter, KEY_FAILURE_LIMITER } from '../failure-limiter';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { ApiKeyStore } from './api-key-store';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeyVerifier } from './api-key.verifier';
import { KeyCache } from './key-cache';
import { KeyPolicyGate } from './key-policy.gate';
import { RateLimiter } from './rate-limiter';
import { RevocationFeed } from './revocation-feed';
import { UsageTracker } from './usage.tracker';
import { ExpiryAnnouncer } from './expiry-announcer';
import { ServiceTokenAuth } from '../service-tokens/service-token-auth';

/**
 * Authentication of integrations by API key: the verifier and its cache, the
 * revocation feed that keeps every instance's cache honest (and streams
 * revoked secrets to other services), and the usage recorded as keys are
 * used; and of those other services by their service tokens. The API-keys feature imports it to invalidate
 * and read what it keeps; the access guard imports it to authenticate.
 */
@Module({
  providers: [
    ApiKeyStore,
    ApiKeyVerifier,
    ApiKeyStrategy,
    ApiKeyAuthGuard,
    UsageTracker,
    RateLimiter,
    Clock,
    RevocationFeed,
    ExpiryAnnouncer,
    ServiceTokenAuth,
    KeyPolicyGate,
    {
      provide: KeyCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new KeyCache(config.keyCache.maxEntries, config.keyCache.ttlSeconds * 1000),
    },
    {
      provide: KEY_FAILURE_LIMITER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FailureLimiter(config.keyFailures, 'API key checks from this client'),
    },
  ],
  exports: [
    ApiKeyAuthGuard,
    ApiKeyStore,
    KeyCache,
    UsageTracker,
    RateLimiter,
    Clock,
    ApiKeyVerifier,
    RevocationFeed,
    ServiceTokenAuth,
    KeyPolicyGate,
  ],
})
export class ApiKeyAuthModule {}
