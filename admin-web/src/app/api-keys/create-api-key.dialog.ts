import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type ApiKeyResponse, type CreatedApiKeyResponse, FIELD_LIMITS, type Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { SecretReveal } from '../shared/secret-reveal';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';
import { ExpirationChoice, ExpirationFields } from './expiration-choice';
import { KeyPermissionsPicker } from './key-permissions-picker';

export interface CreateApiKeyDialogData {
  organizationId: string;
}

/**
 * Create API Key: a name, an expiry and permissions, then the new key shown once with a
 * copy button. Closes with the key's public fields only; the secret never
 * leaves this dialog.
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
    ExpirationFields,
    KeyPermissionsPicker,
  ],
  templateUrl: './create-api-key.dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateApiKeyDialog {
  private readonly data = inject<CreateApiKeyDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CreateApiKeyDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly maxLength = FIELD_LIMITS.CreateApiKeyRequest.name.maxLength;
  protected readonly expiry = new ExpirationChoice();
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(this.maxLength)]],
    expiry: this.expiry.group,
    // Integration only unless the user chooses more.
    permissions: [[] as Permission[]],
  });
  protected readonly name = this.form.controls.name;
  protected readonly submission = new Submission(this.form);
  /** Held from Create until Done, and only here. */
  protected readonly created = signal<CreatedApiKeyResponse | null>(null);

  protected async create(): Promise<void> {
    await this.submission.run(async () => {
      const created = await this.client.apiKeys.createApiKey({
        orgId: this.data.organizationId,
        requestBody: {
          name: this.name.value.trim(),
          expiresAt: this.expiry.expiresAt(),
          permissions: this.form.controls.permissions.value,
        },
      });
      // Closing by accident (Escape, a click outside) would lose the only copy of the key.
      this.dialogRef.disableClose = true;
      this.created.set(created);
    });
  }

  protected done(): void {
    const created = this.created();
    this.created.set(null);
    if (created) this.dialogRef.close(withoutSecret(created));
  }
}

/** What a page may keep of a key just created or rolled: everything but the secret. */
export function withoutSecret(key: CreatedApiKeyResponse): ApiKeyResponse {
  const { key: _secret, ...kept } = key;
  return kept;
}
