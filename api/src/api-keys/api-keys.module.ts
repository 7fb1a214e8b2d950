import { Module } from '@nestjs/common';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeyVerifier } from './api-key.verifier';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { LastUsedTracker } from './last-used.tracker';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyVerifier, ApiKeyStrategy, LastUsedTracker],
})
export class ApiKeysModule {}
