import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AccessGuard } from './access.guard';
import { OrganizationAccessService } from './organization-access.service';
import { PermissionsController } from './permissions.controller';

@Global()
@Module({
  imports: [ApiKeysModule],
  controllers: [PermissionsController],
  providers: [OrganizationAccessService, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthzModule {}
