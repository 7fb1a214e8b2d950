import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { RolesModule } from '../roles/roles.module';
import { InvitationAcceptanceController } from './invitation-acceptance.controller';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [RolesModule, MailModule],
  controllers: [InvitationsController, InvitationAcceptanceController],
  providers: [InvitationsService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
