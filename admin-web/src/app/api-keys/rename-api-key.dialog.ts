import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type ApiKeyResponse, FIELD_LIMITS } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';

export interface RenameApiKeyDialogData {
  organizationId: string;
  key: ApiKeyResponse;
}

/** Rename a key; its secret keeps working. Closes with the renamed key. */
@Component({
  selector: 'app-rename-api-key-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Rename API key</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <div class="dialog-form">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" required autocomplete="off" />
            <mat-hint>Integrations using the key keep working; only its name changes.</mat-hint>
            @if (name.hasError('server')) {
              <mat-error>Name {{ name.getError('server') }}</mat-error>
            } @else if (name.hasError('required')) {
              <mat-error>Enter a name for the key.</mat-error>
            } @else if (name.hasError('maxlength')) {
              <mat-error>Use at most {{ maxLength }} characters.</mat-error>
            }
          </mat-form-field>
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
        <button mat-flat-button type="submit" [disabled]="submission.submitting()">Save</button>
      </mat-dialog-actions>
    </form>
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Renaming the key" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenameApiKeyDialog {
  private readonly data = inject<RenameApiKeyDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RenameApiKeyDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly maxLength = FIELD_LIMITS.UpdateApiKeyRequest.name.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.key.name, [Validators.required, notBlank, Validators.maxLength(this.maxLength)]],
  });
  protected readonly name = this.form.controls.name;
  protected readonly submission = new Submission(this.form);

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const renamed = await this.client.apiKeys.updateApiKey({
        orgId: this.data.organizationId,
        keyId: this.data.key.id,
        requestBody: { name: this.name.value.trim() },
      });
      this.dialogRef.close(renamed);
    });
  }
}
