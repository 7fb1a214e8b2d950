import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { InvitationCreatedResponse } from '@tptm/sdk';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { SecretReveal } from '../shared/secret-reveal';

/** A new invitation link, shown once: who it is for, what it does, and the link with its copy button. */
@Component({
  selector: 'app-invitation-link',
  imports: [LocalDatePipe, SecretReveal],
  template: `
    <p>
      Send this link to <strong>{{ invited().invitation.email }}</strong> through a channel you trust. It is their only way in: it works once, until
      {{ invited().invitation.expiresAt | localDate }} (7 days), and they join when they open it and accept.
    </p>
    <app-secret-reveal
      label="Invitation link"
      [value]="invited().inviteUrl"
      warning="This link is shown only once. After you close this dialog, it cannot be retrieved again; renew the invitation for a new one."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationLink {
  readonly invited = input.required<InvitationCreatedResponse>();
}
