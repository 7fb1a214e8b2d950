import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import type { ApiKeyResponse, CreatedApiKeyResponse, RollApiKeyRequest } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { SecretReveal } from '../shared/secret-reveal';
import { Submission } from '../shared/submission';
import { withoutSecret } from './create-api-key.dialog';

export interface RollApiKeyDialogData {
  organizationId: string;
  key: ApiKeyResponse;
}

/** How long the replaced secret keeps working beside the new one (the API allows up to 7 days). */
const GRACE_PERIODS = [
  { label: 'Now', seconds: 0 },
  { label: 'In 1 hour', seconds: 3_600 },
  { label: 'In 24 hours', seconds: 86_400 },
  { label: 'In 3 days', seconds: 259_200 },
  { label: 'In 7 days', seconds: 604_800 },
];

/**
 * Roll Key: what rolling does and how long the current secret keeps working,
 * then the new secret shown once, as on creation. Closes with the key's
 * public fields only.
 */
@Component({
  selector: 'app-roll-api-key-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    LocalDatePipe,
    SecretReveal,
  ],
  templateUrl: './roll-api-key.dialog.html',
  styles: `
    .grace {
      margin: 1rem 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin-bottom: 0.25rem;
      font: var(--mat-sys-title-small);
    }
    mat-radio-button {
      display: block;
    }
    .callout + .callout,
    app-secret-reveal + .callout {
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollApiKeyDialog {
  protected readonly data = inject<RollApiKeyDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RollApiKeyDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly gracePeriods = GRACE_PERIODS;
  // A planned rotation is the common case: a day to switch the integrations over.
  protected readonly form = inject(NonNullableFormBuilder).group({ gracePeriodSeconds: [86_400], replacePrevious: [false] });
  /** The secret an earlier roll replaced, if it still works: rolling again cuts it off at once. */
  protected readonly previousUntil = this.data.key.previousKeyExpiresAt;
  private readonly confirmed = toSignal(this.form.controls.replacePrevious.valueChanges, { initialValue: false });
  /** With a previous secret still working, rolling waits until the person has said to cut it off. */
  protected readonly blocked = computed(() => this.previousUntil !== null && !this.confirmed());
  private readonly gracePeriodSeconds = toSignal(this.form.controls.gracePeriodSeconds.valueChanges, {
    initialValue: this.form.controls.gracePeriodSeconds.value,
  });
  /** When the current secret would stop if rolled now; null for at once. */
  protected readonly graceEnd = computed(() => {
    const seconds = this.gracePeriodSeconds();
    return seconds > 0 ? new Date(Date.now() + seconds * 1000) : null;
  });
  protected readonly submission = new Submission(this.form);
  /** Held from Roll until Done, and only here. */
  protected readonly rolled = signal<CreatedApiKeyResponse | null>(null);

  protected async roll(): Promise<void> {
    // Escape or a click outside must not hide a roll under way: its answer holds the only copy of the new secret.
    this.dialogRef.disableClose = true;
    await this.submission.run(async () => {
      this.rolled.set(
        await this.client.apiKeys.rollApiKey({
          orgId: this.data.organizationId,
          keyId: this.data.key.id,
          requestBody: this.requestBody(),
        }),
      );
    });
    this.dialogRef.disableClose = this.rolled() !== null;
  }

  /** `replacePrevious` only when a previous secret still works and the person confirmed cutting it off. */
  private requestBody(): RollApiKeyRequest {
    const body = { gracePeriodSeconds: this.form.controls.gracePeriodSeconds.value };
    return (this.previousUntil !== null && this.confirmed() ? { ...body, replacePrevious: true } : body) as RollApiKeyRequest;
  }

  protected done(): void {
    const rolled = this.rolled();
    this.rolled.set(null);
    if (rolled) this.dialogRef.close(withoutSecret(rolled));
  }
}
