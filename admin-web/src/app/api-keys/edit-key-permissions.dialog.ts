import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiKeyResponse, Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { KeyPermissionsPicker } from './key-permissions-picker';

export interface EditKeyPermissionsDialogData {
  organizationId: string;
  key: ApiKeyResponse;
}

/**
 * Change what a key may do, with the API's rules: only what the user holds
 * may be granted (a 403 is shown above the buttons), anything may be taken
 * away. Closes with the updated key.
 */
@Component({
  selector: 'app-edit-key-permissions-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, KeyPermissionsPicker],
  template: `
    <h2 mat-dialog-title>Edit permissions</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          What <strong>{{ data.key.name }}</strong> may do. The change takes effect on the key's next request; its secret stays the same.
        </p>
        <app-key-permissions-picker [control]="form.controls.permissions" />
        @if (submission.error(); as error) {
          <p class="callout error" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon>
            <span>{{ error }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.submitting()">Save</button>
      </mat-dialog-actions>
    </form>
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Saving the key's permissions" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditKeyPermissionsDialog {
  protected readonly data = inject<EditKeyPermissionsDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<EditKeyPermissionsDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly form = inject(NonNullableFormBuilder).group({
    permissions: [this.data.key.permissions as Permission[]],
  });
  protected readonly submission = new Submission(this.form);

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const updated = await this.client.apiKeys.updateApiKey({
        orgId: this.data.organizationId,
        keyId: this.data.key.id,
        requestBody: { permissions: this.form.controls.permissions.value },
      });
      this.dialogRef.close(updated);
    });
  }
}
