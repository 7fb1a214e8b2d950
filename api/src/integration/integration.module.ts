import { Module } from '@nestjs/common';
import { ApiKeyAuthModule } from '../auth/api-keys/api-key-auth.module';
import { IntegrationController } from './integration.controller';
import { RevocationStreamService } from './revocation-stream.service';
import { VerificationController } from './verification.controller';

@Module({
  imports: [ApiKeyAuthModule],
  controllers: [IntegrationController, VerificationController],
  providers: [RevocationStreamService],
})
export class IntegrationModule {}
