import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { FIELD_LIMITS } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { newPasswordValidators, recheckConfirmation, repeats } from './new-password';

/** Replaces the signed-in user's password; every other session of the account ends. */
@Component({
  selector: 'app-change-password-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Change password</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>You stay signed in here. Every other browser signed in to your account is signed out.</p>
        <div class="dialog-form">
          <mat-form-field>
            <mat-label>Current password</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
            @if (form.controls.currentPassword.hasError('server')) {
              <mat-error>Current password {{ form.controls.currentPassword.getError('server') }}</mat-error>
            } @else {
              <mat-error>Enter your current password.</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-hint>{{ minLength }} to {{ maxLength }} characters.</mat-hint>
            @if (form.controls.newPassword.hasError('server')) {
              <mat-error>New password {{ form.controls.newPassword.getError('server') }}</mat-error>
            } @else {
              <mat-error>Use {{ minLength }} to {{ maxLength }} characters.</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Confirm new password</mat-label>
            <input matInput type="password" formControlName="confirmation" autocomplete="new-password" required />
            <mat-error>Enter the new password again, exactly.</mat-error>
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
        <button mat-flat-button type="submit" [disabled]="submission.submitting()">Change password</button>
      </mat-dialog-actions>
    </form>
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Changing the password" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordDialog {
  private readonly dialogRef = inject<MatDialogRef<ChangePasswordDialog, boolean>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  private readonly limits = FIELD_LIMITS.ChangePasswordRequest.newPassword;
  protected readonly minLength = this.limits.minLength;
  protected readonly maxLength = this.limits.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required]],
    newPassword: ['', newPasswordValidators(this.limits)],
    confirmation: ['', [Validators.required, repeats('newPassword')]],
  });
  protected readonly submission = new Submission(this.form);

  constructor() {
    recheckConfirmation(this.form.controls.newPassword, this.form.controls.confirmation);
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.client.me.changePassword({ requestBody: { currentPassword, newPassword } });
      this.dialogRef.close(true);
    });
  }
}
