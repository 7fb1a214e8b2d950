import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeyVerifier } from './api-key.verifier';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { KeyCache } from './key-cache';
import { Clock } from '../common/clock';
import { UsageTracker } from './usage.tracker';
import { RevocationFeed } from './revocation-feed';

@Module({
  controllers: [ApiKeysController],
  providers: [
    ApiKeysService,
    ApiKeyVerifier,
    ApiKeyStrategy,
    ApiKeyAuthGuard,
    UsageTracker,
    Clock,
    RevocationFeed,
    {
      provide: KeyCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new KeyCache(config.keyCache.maxEntries, config.keyCache.ttlSeconds * 1000),
    },
  ],
  exports: [ApiKeyAuthGuard],
})
export class ApiKeysModule {}
