import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { InvitationCreatedResponse } from '@tptm/sdk';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { SecretReveal } from '../shared/secret-reveal';

/**
 * A new invitation: who it is for and what it does. With SMTP configured the
 * server emails the link to that address alone and the answer has none, so
 * this says where it went; without, the link is shown once with its copy
 * button, for the inviter to hand over.
 */
@Component({
  selector: 'app-invitation-link',
  imports: [LocalDatePipe, SecretReveal],
  template: `
    @if (invited().inviteUrl; as inviteUrl) {
      <p>
        Send this link to <strong>{{ invited().invitation.email }}</strong> through a channel you trust. It is their only way in: it works once, until
        {{ invited().invitation.expiresAt | localDate }} (7 days), and they join when they open it and accept.
      </p>
      <app-secret-reveal
        label="Invitation link"
        [value]="inviteUrl"
        warning="This link is shown only once. After you close this dialog, it cannot be retrieved again; renew the invitation for a new one."
      />
    } @else {
      <p>
        We emailed the invitation link to <strong>{{ invited().invitation.email }}</strong>. It works once, until
        {{ invited().invitation.expiresAt | localDate }} (7 days), and they join when they open it and accept.
      </p>
      <p>The link goes to that mailbox only: nobody else sees it, you included. If it does not arrive, renew the invitation to send a new one.</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationLink {
  readonly invited = input.required<InvitationCreatedResponse>();
}
