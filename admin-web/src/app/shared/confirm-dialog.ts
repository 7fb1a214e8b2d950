import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Submission } from './submission';

export interface ConfirmDialogData {
  title: string;
  /** Leads into the subject, e.g. "This API key will be deleted:". */
  message: string;
  /** The thing acted on, shown on its own line so it cannot be mistaken. */
  subject: string;
  warning: string;
  confirmLabel: string;
  /** Runs on confirm; the dialog stays open with the API's message if it fails. */
  action: () => Promise<unknown>;
}

/** Confirms a destructive action and carries it out. Closes with true once it is done. */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      <p class="subject" data-testid="confirm-subject">{{ data.subject }}</p>
      <p class="callout warning">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <span>{{ data.warning }}</span>
      </p>
      @if (submission.error(); as error) {
        <p class="callout error" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <span>{{ error }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="submission.submitting()">Cancel</button>
      <button mat-flat-button class="danger" type="button" (click)="confirm()" [disabled]="submission.submitting()">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
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
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmDialog, boolean>>(MatDialogRef);
  protected readonly submission = new Submission();

  protected async confirm(): Promise<void> {
    // Escape or a click outside must not hide an action that is still under way.
    this.dialogRef.disableClose = true;
    await this.submission.run(async () => {
      await this.data.action();
      this.dialogRef.close(true);
    });
    this.dialogRef.disableClose = false;
  }
}
