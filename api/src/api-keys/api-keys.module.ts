import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApiKeyAuthModule } from '../auth/api-keys/api-key-auth.module';
import { ApiKeysController, AttentionController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyExposureService } from './api-key-exposure.service';
import { SecretScanningController } from './secret-scanning.controller';
import { SecretScanningKeys } from './secret-scanning-keys';
import { ExpiryReminders } from './expiry-reminders';
import { MailModule } from '../mail/mail.module';

@Module({
  imports: [ApiKeyAuthModule, AuditModule, MailModule],
  controllers: [ApiKeysController, SecretScanningController, AttentionController],
  providers: [ApiKeysService, ApiKeyExposureService, SecretScanningKeys, ExpiryReminders],
})
export class ApiKeysModule {}
