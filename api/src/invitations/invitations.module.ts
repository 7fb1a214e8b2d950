import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { RolesModule } from '../roles/roles.module';
import { InvitationAcceptanceController } from './invitation-acceptance.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [RolesModule, MailModule, AuditModule, AuthModule],
  controllers: [InvitationsController, InvitationAcceptanceController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
