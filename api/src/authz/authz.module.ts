import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyAuthModule } from '../auth/api-keys/api-key-auth.module';
import { AuthModule } from '../auth/auth.module';
import { AccessGuard } from './access.guard';
import { OrganizationAccessService } from './organization-access.service';
import { PermissionsController } from './permissions.controller';

@Module({
  imports: [AuthModule, ApiKeyAuthModule],
  controllers: [PermissionsController],
  providers: [OrganizationAccessService, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthzModule {}
