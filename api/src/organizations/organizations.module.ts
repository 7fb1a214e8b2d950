import { Module } from '@nestjs/common';
import { RolesModule } from '../roles/roles.module';
import { FirstRunService } from './first-run.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [RolesModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, FirstRunService],
})
export class OrganizationsModule {}
