import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { RolesModule } from '../roles/roles.module';
import { FirstRunService } from './first-run.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [RolesModule, AuditModule, AuthModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, FirstRunService],
})
export class OrganizationsModule {}
