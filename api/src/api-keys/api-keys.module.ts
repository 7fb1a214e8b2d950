import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApiKeyAuthModule } from '../auth/api-keys/api-key-auth.module';
import { ApiKeysController, AttentionController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [ApiKeyAuthModule, AuditModule],
  controllers: [ApiKeysController, AttentionController],
  providers: [ApiKeysService],
})
export class ApiKeysModule {}
