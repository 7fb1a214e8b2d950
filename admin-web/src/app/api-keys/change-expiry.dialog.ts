import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiKeyResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { Submission } from '../shared/submission';
import { ExpirationChoice, ExpirationFields } from './expiration-choice';
import { expiry } from './key-expiry';

export interface ChangeExpiryDialogData {
  organizationId: string;
  key: ApiKeyResponse;
}

/**
 * Change when a key stops working, with the choices a new key is given; on
 * an expired key this renews it in place: the same secret, id, history and
 * usage. Closes with the updated key.
 */
@Component({
  selector: 'app-change-expiry-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, LocalDatePipe, ExpirationFields],
  template: `
    <h2 mat-dialog-title>{{ expired ? 'Renew API key' : 'Change expiry' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          @if (expired) {
            <strong>{{ data.key.name }}</strong> expired on {{ data.key.expiresAt | localDate }}. Choose a new expiry: the key works again at once,
            with the same secret, permissions, history and usage.
          } @else if (data.key.expiresAt) {
            <strong>{{ data.key.name }}</strong> stops working on {{ data.key.expiresAt | localDate }}. The new expiry takes effect on its next
            request; its secret stays the same.
          } @else {
            <strong>{{ data.key.name }}</strong> never expires. The new expiry takes effect on its next request; its secret stays the same.
          }
        </p>
        <div class="dialog-form">
          <app-expiration-fields [choice]="expiry" />
        </div>
        @if (submission.error(); as error) {
          <p class="callout error" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon>
            <span>{{ error }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.submitting()">{{ expired ? 'Renew' : 'Save' }}</button>
      </mat-dialog-actions>
    </form>
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Saving the key's expiry" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangeExpiryDialog {
  protected readonly data = inject<ChangeExpiryDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ChangeExpiryDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly expired = expiry(this.data.key.expiresAt).state === 'expired';
  // A key that had an expiry is offered one again, rather than made to last for ever by default.
  protected readonly expiry = new ExpirationChoice(this.data.key.expiresAt === null ? 'never' : '90d');
  protected readonly form = inject(NonNullableFormBuilder).group({ expiry: this.expiry.group });
  protected readonly submission = new Submission(this.form);

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.client.apiKeys.updateApiKey({
        orgId: this.data.organizationId,
        keyId: this.data.key.id,
        requestBody: { expiresAt: this.expiry.expiresAt() },
      });
      this.dialogRef.close(updated);
    });
  }
}
