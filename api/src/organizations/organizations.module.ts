import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { RolesModule } from '../roles/roles.module';
import { ApiKeyAuthModule } from '../auth/api-keys/api-key-auth.module';
import { FirstRunService } from './first-run.service';
import { KeyPolicyController } from './key-policy.controller';
import { KeyPolicyService } from './key-policy.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [RolesModule, AuditModule, AuthModule, ApiKeyAuthModule],
  controllers: [OrganizationsController, KeyPolicyController],
  providers: [OrganizationsService, FirstRunService, KeyPolicyService],
})
export class OrganizationsModule {}
