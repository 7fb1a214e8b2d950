import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type ApiKeyResponse, type CreatedApiKeyResponse, FIELD_LIMITS, type Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { SecretReveal } from '../shared/secret-reveal';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';
import { KeyPermissionsPicker } from './key-permissions-picker';

export interface CreateApiKeyDialogData {
  organizationId: string;
}

/** How long a new key lasts: a period from now, or until the end of a chosen day. */
const EXPIRATIONS = [
  { id: 'never', label: 'No expiration' },
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '60d', label: '60 days', days: 60 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', months: 12 },
  { id: 'custom', label: 'Custom date' },
] as const;

type ExpirationId = (typeof EXPIRATIONS)[number]['id'];

/** The same time of day, on the calendar day that many days or months later. */
function later(now: Date, { days = 0, months = 0 }: { days?: number; months?: number }): Date {
  return new Date(now.getFullYear(), now.getMonth() + months, now.getDate() + days, now.getHours(), now.getMinutes(), now.getSeconds());
}

/** When a period chosen now ends; null without expiration or with a custom date. */
function periodEnd(id: ExpirationId, now: Date): Date | null {
  const choice = EXPIRATIONS.find((e) => e.id === id);
  return choice && ('days' in choice || 'months' in choice) ? later(now, choice) : null;
}

/** A day as a date input writes it (YYYY-MM-DD), in local time. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last moment of a YYYY-MM-DD day, in local time. */
function endOfDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date!, 23, 59, 59, 999);
}

/** A custom expiry is a day after today: the key works until that day ends. */
function afterToday(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return { required: true };
  // Date inputs write YYYY-MM-DD, so text order is date order.
  return control.value > isoDay(new Date()) ? null : { notFuture: true };
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
    MatSelectModule,
    LocalDatePipe,
    SecretReveal,
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
  protected readonly expirations = EXPIRATIONS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(this.maxLength)]],
    expiration: ['never' as ExpirationId],
    customDate: [{ value: '', disabled: true }, afterToday],
    // Integration only unless the user chooses more.
    permissions: [[] as Permission[]],
  });
  protected readonly name = this.form.controls.name;
  protected readonly customDate = this.form.controls.customDate;
  protected readonly expiration = toSignal(this.form.controls.expiration.valueChanges, {
    initialValue: this.form.controls.expiration.value,
  });
  /** When the chosen period would end, for the hint under the choice. */
  protected readonly periodEnd = computed(() => periodEnd(this.expiration(), new Date()));
  protected readonly tomorrow = isoDay(later(new Date(), { days: 1 }));
  protected readonly submission = new Submission(this.form);
  /** Held from Create until Done, and only here. */
  protected readonly created = signal<CreatedApiKeyResponse | null>(null);

  constructor() {
    // A disabled control is not validated: the date is asked for only with "Custom date".
    this.form.controls.expiration.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      if (id === 'custom') this.customDate.enable();
      else this.customDate.disable();
    });
  }

  protected async create(): Promise<void> {
    await this.submission.run(async () => {
      const created = await this.client.apiKeys.createApiKey({
        orgId: this.data.organizationId,
        requestBody: {
          name: this.name.value.trim(),
          expiresAt: this.expiresAt(),
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

  /** RFC 3339, from the moment Create is pressed; null for a key that never expires. */
  private expiresAt(): string | null {
    const id = this.form.controls.expiration.value;
    if (id === 'custom') return endOfDay(this.customDate.value).toISOString();
    return periodEnd(id, new Date())?.toISOString() ?? null;
  }
}

/** What a page may keep of a key just created or rolled: everything but the secret. */
export function withoutSecret(key: CreatedApiKeyResponse): ApiKeyResponse {
  const { id, name, maskedKey, permissions, expiresAt, previousKeyExpiresAt, enabled, rateLimit, allowedIps, createdAt, createdBy, lastUsedAt } = key;
  return { id, name, maskedKey, permissions, expiresAt, previousKeyExpiresAt, enabled, rateLimit, allowedIps, createdAt, createdBy, lastUsedAt };
}
