import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ExposureAction, type KeyPolicy } from '@tptm/sdk';
import { debounceTime } from 'rxjs';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors, Failure } from '../core/errors/api-errors';
import { CurrentUser } from '../core/session/current-user';
import { ErrorState } from '../shared/error-state';
import { Submission } from '../shared/submission';

/** What each choice does to a key reported as found in public. */
export const EXPOSURE_CHOICES: readonly { value: ExposureAction; label: string }[] = [
  { value: ExposureAction.REVOKE, label: 'Revoke it: refused from then on, listed until deleted' },
  { value: ExposureAction.DISABLE, label: 'Disable it: refused until someone enables it again' },
  { value: ExposureAction.NOTIFY, label: 'Leave it working, and tell the Owners and its creator' },
];

/**
 * Admin ▸ Organization settings (/admin/organization): the key policy, with
 * what saving it would do to the keys there are said before it is saved, and
 * the expiry reminders the organization's people receive.
 */
@Component({
  selector: 'app-organization-settings-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, ErrorState],
  templateUrl: './organization-settings.page.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
      max-width: 40rem;
    }
    mat-form-field {
      width: 100%;
    }
    .consequence {
      font-weight: 500;
    }
    .consequence.breaking {
      color: var(--mat-sys-error);
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin-top: 2rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationSettingsPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly errors = inject(ApiErrors);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly choices = EXPOSURE_CHOICES;
  protected readonly failure = signal<Failure | null>(null);
  protected readonly loaded = signal(false);
  /** How many keys the policy as it stands in the form would refuse; null until counted. */
  protected readonly violatingKeys = signal<number | null>(null);

  protected readonly form = new FormGroup({
    requireExpiry: new FormControl(false, { nonNullable: true }),
    maxLifetimeDays: new FormControl<number | null>(null, [Validators.min(1), Validators.max(3650)]),
    allowedIps: new FormControl('', { nonNullable: true }),
    requireRateLimit: new FormControl(false, { nonNullable: true }),
    onExposure: new FormControl<ExposureAction>(ExposureAction.REVOKE, { nonNullable: true }),
  });
  protected readonly submission = new Submission(this.form);

  constructor() {
    effect(() => {
      const organizationId = this.user.organization()?.id;
      if (organizationId) untracked(() => void this.load(organizationId));
    });
    this.form.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => void this.count());
  }

  protected async load(organizationId = this.user.organizationId()): Promise<void> {
    this.failure.set(null);
    try {
      const policy = await this.client.organizations.getKeyPolicy({ orgId: organizationId });
      this.form.reset({ ...policy, allowedIps: policy.allowedIps.join('\n') });
      this.loaded.set(true);
      await this.count();
    } catch (error) {
      this.failure.set(this.errors.handle(error));
    }
  }

  protected save(): Promise<void> {
    return this.submission.run(async () => {
      const saved = await this.client.organizations.putKeyPolicy({ orgId: this.user.organizationId(), requestBody: this.policy() });
      this.form.reset({ ...saved, allowedIps: saved.allowedIps.join('\n') });
      this.snackBar.open('Key policy saved', undefined, { duration: 4000 });
    });
  }

  private async count(): Promise<void> {
    if (this.form.invalid) return;
    try {
      const { violatingKeys } = await this.client.organizations.dryRunKeyPolicy({ orgId: this.user.organizationId(), requestBody: this.policy() });
      this.violatingKeys.set(violatingKeys);
    } catch {
      // A policy the API refuses (a bad address, say) is counted once it is fixed; saving it shows why.
      this.violatingKeys.set(null);
    }
  }

  private policy(): KeyPolicy {
    const value = this.form.getRawValue();
    return {
      requireExpiry: value.requireExpiry,
      maxLifetimeDays: value.maxLifetimeDays || null,
      allowedIps: value.allowedIps
        .split(/[\s,]+/)
        .map((entry) => entry.trim())
        .filter(Boolean),
      requireRateLimit: value.requireRateLimit,
      onExposure: value.onExposure,
    };
  }
}
