import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { ApiErrors } from '../core/errors/api-errors';

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
      @if (error(); as error) {
        <p class="callout error" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <span>{{ error }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button class="danger" type="button" (click)="confirm()" [disabled]="busy()">
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
  private readonly errors = inject(ApiErrors);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async confirm(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    try {
      await this.data.action();
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(this.errors.handle(error).message);
    } finally {
      this.busy.set(false);
      this.dialogRef.disableClose = false;
    }
  }
}
