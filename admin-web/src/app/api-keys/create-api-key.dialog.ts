import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { SecretReveal } from '../shared/secret-reveal';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';

export interface CreateApiKeyDialogData {
  organizationId: string;
}

const NAME_MAX_LENGTH = 100;

/**
 * Create API Key: a name, then the new key shown once with a copy button.
 * Closes with the key's public fields only; the secret never leaves this dialog.
 */
@Component({
  selector: 'app-create-api-key-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    SecretReveal,
  ],
  templateUrl: './create-api-key.dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateApiKeyDialog {
  private readonly data = inject<CreateApiKeyDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CreateApiKeyDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly maxLength = NAME_MAX_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
  });
  protected readonly name = this.form.controls.name;
  protected readonly submission = new Submission(this.form);
  /** Held from Create until Done, and only here. */
  protected readonly created = signal<CreatedApiKeyResponse | null>(null);

  protected async create(): Promise<void> {
    await this.submission.run(async () => {
      const created = await this.client.apiKeys.createApiKey({
        orgId: this.data.organizationId,
        requestBody: { name: this.name.value.trim() },
      });
      // Closing by accident (Escape, a click outside) would lose the only copy of the key.
      this.dialogRef.disableClose = true;
      this.created.set(created);
    });
  }

  protected done(): void {
    const created = this.created();
    this.created.set(null);
    if (!created) return;
    const { id, name, maskedKey, createdAt, createdBy, lastUsedAt } = created;
    this.dialogRef.close({ id, name, maskedKey, createdAt, createdBy, lastUsedAt });
  }
}
