import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { InvitationCreatedResponse, InvitationResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { InvitationLink } from './invitation-link';
import { isExpired } from './invitations';

export interface RenewInvitationDialogData {
  organizationId: string;
  invitation: InvitationResponse;
}

/**
 * Renew: a new link for the same invitation, emailed or shown once like the
 * first. Closes with the renewed invitation only, never its link.
 */
@Component({
  selector: 'app-renew-invitation-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, InvitationLink],
  template: `
    @if (renewed(); as renewed) {
      <h2 mat-dialog-title>Invitation renewed</h2>
      <mat-dialog-content>
        <app-invitation-link [invited]="renewed" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="done()">Done</button>
      </mat-dialog-actions>
    } @else {
      <h2 mat-dialog-title>Renew invitation</h2>
      <mat-dialog-content>
        <p>A new link, valid for 7 days, for:</p>
        <p class="subject">{{ data.invitation.email }}</p>
        @if (!expired) {
          <p class="callout warning">
            <mat-icon aria-hidden="true">warning</mat-icon>
            <span>The link they were sent stops working at once.</span>
          </p>
        }
        @if (submission.error(); as error) {
          <p class="callout error" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon>
            <span>{{ error }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" (click)="renew()" [disabled]="submission.submitting()">Renew</button>
      </mat-dialog-actions>
    }
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Renewing the invitation" />
    }
  `,
  styles: `
    .subject {
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .callout + .callout {
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenewInvitationDialog {
  protected readonly data = inject<RenewInvitationDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RenewInvitationDialog, InvitationResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly expired = isExpired(this.data.invitation);
  protected readonly submission = new Submission();
  /** Held from Renew until Done, and only here. */
  protected readonly renewed = signal<InvitationCreatedResponse | null>(null);

  protected renew(): Promise<void> {
    return this.submission.run(async () => {
      const renewed = await this.client.members.renewInvitation({ orgId: this.data.organizationId, invitationId: this.data.invitation.id });
      // Closing by accident (Escape, a click outside) would lose the only copy of the link, or the page's news of the invitation.
      this.dialogRef.disableClose = true;
      this.renewed.set(renewed);
    });
  }

  protected done(): void {
    const renewed = this.renewed();
    this.renewed.set(null);
    if (renewed) this.dialogRef.close(renewed.invitation);
  }
}
