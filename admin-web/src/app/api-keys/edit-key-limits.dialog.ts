import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { type ApiKeyResponse, FIELD_LIMITS } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { RATE_WINDOWS, type RateWindowId } from './key-limits';

export interface EditKeyLimitsDialogData {
  organizationId: string;
  key: ApiKeyResponse;
}

const REQUESTS = FIELD_LIMITS.RateLimit.requests;
const WINDOW_SECONDS = FIELD_LIMITS.RateLimit.windowSeconds;
const MAX_ADDRESSES = FIELD_LIMITS.UpdateApiKeyRequest.allowedIps.maxItems;

/** The lines of the addresses field that hold an entry, with their line numbers (from 1), as the API is sent them. */
function addressLines(text: string): { line: number; entry: string }[] {
  return text
    .split('\n')
    .map((entry, index) => ({ line: index + 1, entry: entry.trim() }))
    .filter(({ entry }) => entry !== '');
}

function atMostMaxAddresses(control: AbstractControl<string>): ValidationErrors | null {
  const count = addressLines(control.value).length;
  return count > MAX_ADDRESSES ? { tooMany: count } : null;
}

/**
 * Edit limits: how many requests the key may make per window (on every
 * server together), and the addresses it may be used from. Closes with the
 * updated key.
 */
@Component({
  selector: 'app-edit-key-limits-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
  ],
  template: `
    <h2 mat-dialog-title>Edit limits</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          What <strong>{{ data.key.name }}</strong> may do from its next request on, on every server. A request refused by a limit counts toward
          nothing.
        </p>
        <div class="dialog-form">
          <!-- Hints and errors in this dialog run to several lines: each field makes room for its own. -->
          <fieldset formGroupName="rateLimit">
            <legend id="rate-limit-legend">Rate limit</legend>
            <mat-radio-group formControlName="limited" aria-labelledby="rate-limit-legend">
              <mat-radio-button [value]="false">No limit</mat-radio-button>
              <mat-radio-button [value]="true">At most</mat-radio-button>
            </mat-radio-group>
            @if (limited()) {
              <div class="rate">
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Requests</mat-label>
                  <input matInput type="number" formControlName="requests" required [min]="requestsLimits.minimum" [max]="requestsLimits.maximum" />
                  @if (requests.hasError('server')) {
                    <mat-error>Requests {{ requests.getError('server') }}</mat-error>
                  } @else if (requests.invalid) {
                    <mat-error
                      >Enter a whole number from {{ requestsLimits.minimum }} to {{ requestsLimits.maximum.toLocaleString('en-US') }}.</mat-error
                    >
                  }
                </mat-form-field>
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Per</mat-label>
                  <mat-select formControlName="window">
                    @for (window of windows; track window.id) {
                      <mat-option [value]="window.id">{{ window.id }}</mat-option>
                    }
                    <mat-option value="custom">number of seconds</mat-option>
                  </mat-select>
                </mat-form-field>
                @if (window() === 'custom') {
                  <mat-form-field subscriptSizing="dynamic">
                    <mat-label>Seconds</mat-label>
                    <input
                      matInput
                      type="number"
                      formControlName="windowSeconds"
                      required
                      [min]="windowLimits.minimum"
                      [max]="windowLimits.maximum"
                    />
                    @if (windowSeconds.hasError('server')) {
                      <mat-error>Seconds {{ windowSeconds.getError('server') }}</mat-error>
                    } @else if (windowSeconds.invalid) {
                      <mat-error
                        >Enter a whole number from {{ windowLimits.minimum }} to {{ windowLimits.maximum.toLocaleString('en-US') }} (a
                        day).</mat-error
                      >
                    }
                  </mat-form-field>
                }
              </div>
              <p class="muted">Counted across every server together. Over the limit, a request is refused (429) until the window frees up.</p>
            } @else {
              <p class="muted">The key may make as many requests as it likes.</p>
            }
          </fieldset>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Allowed addresses</mat-label>
            <textarea
              matInput
              class="mono"
              formControlName="allowedIps"
              rows="4"
              autocomplete="off"
              spellcheck="false"
              placeholder="203.0.113.7&#10;10.0.0.0/8&#10;2001:db8::/32"
            ></textarea>
            <mat-hint
              >One IPv4 or IPv6 address or CIDR range per line, such as 203.0.113.7 or 10.0.0.0/8, up to {{ maxAddresses }}. Empty: any
              address.</mat-hint
            >
            @if (allowedIps.hasError('server')) {
              <mat-error>{{ addressError(allowedIps.getError('server')) }}</mat-error>
            } @else if (allowedIps.hasError('tooMany')) {
              <mat-error>Use at most {{ maxAddresses }} lines; there are {{ allowedIps.getError('tooMany') }}.</mat-error>
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
      <mat-progress-bar mode="indeterminate" aria-label="Saving the key's limits" />
    }
  `,
  styles: `
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      margin-left: -0.5rem;
    }
    .rate {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      margin-top: 0.5rem;
    }
    .rate mat-form-field {
      flex: 1 1 8rem;
    }
    fieldset p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditKeyLimitsDialog {
  protected readonly data = inject<EditKeyLimitsDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<EditKeyLimitsDialog, ApiKeyResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly requestsLimits = REQUESTS;
  protected readonly windowLimits = WINDOW_SECONDS;
  protected readonly maxAddresses = MAX_ADDRESSES;
  protected readonly windows = RATE_WINDOWS;

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly current = this.data.key.rateLimit;
  private readonly namedWindow = RATE_WINDOWS.find((w) => w.seconds === this.current?.windowSeconds);
  private readonly initialWindow: RateWindowId | 'custom' = this.current && !this.namedWindow ? 'custom' : (this.namedWindow?.id ?? 'minute');
  protected readonly form = this.fb.group({
    rateLimit: this.fb.group({
      limited: [this.current !== null],
      requests: [
        { value: this.current?.requests ?? 100, disabled: this.current === null },
        [Validators.required, Validators.min(REQUESTS.minimum), Validators.max(REQUESTS.maximum), wholeNumber],
      ],
      window: [{ value: this.initialWindow, disabled: this.current === null }],
      // The API's name for the window's length: only asked for when no named window fits.
      windowSeconds: [
        { value: this.current?.windowSeconds ?? 60, disabled: !this.current || !!this.namedWindow },
        [Validators.required, Validators.min(WINDOW_SECONDS.minimum), Validators.max(WINDOW_SECONDS.maximum), wholeNumber],
      ],
    }),
    allowedIps: [this.data.key.allowedIps.join('\n'), atMostMaxAddresses],
  });
  private readonly rate = this.form.controls.rateLimit.controls;
  protected readonly requests = this.rate.requests;
  protected readonly windowSeconds = this.rate.windowSeconds;
  protected readonly allowedIps = this.form.controls.allowedIps;
  protected readonly limited = toSignal(this.rate.limited.valueChanges, { initialValue: this.rate.limited.value });
  protected readonly window = toSignal(this.rate.window.valueChanges, { initialValue: this.rate.window.value });
  protected readonly submission = new Submission(this.form);

  constructor() {
    // A disabled control is not validated: what "No limit" or a named window leaves out is not asked for.
    const enableAsChosen = () => {
      const limited = this.rate.limited.value;
      for (const control of [this.rate.requests, this.rate.window]) {
        if (limited) control.enable({ emitEvent: false });
        else control.disable({ emitEvent: false });
      }
      if (limited && this.rate.window.value === 'custom') this.windowSeconds.enable({ emitEvent: false });
      else this.windowSeconds.disable({ emitEvent: false });
    };
    this.rate.limited.valueChanges.pipe(takeUntilDestroyed()).subscribe(enableAsChosen);
    this.rate.window.valueChanges.pipe(takeUntilDestroyed()).subscribe(enableAsChosen);
  }

  /** The API names a bad address by its place in the list it was sent ("entry 2 is not…"); the person knows it by its line. */
  protected addressError(message: string): string {
    const match = /^entry (\d+) (.*)$/s.exec(message);
    const bad = match ? addressLines(this.allowedIps.value)[Number(match[1])] : undefined;
    return bad ? `Line ${bad.line} (${bad.entry}) ${match![2]}` : `Allowed addresses ${message}`;
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const { limited, requests, window, windowSeconds } = this.rate;
      const named = RATE_WINDOWS.find((w) => w.id === window.value);
      const updated = await this.client.apiKeys.updateApiKey({
        orgId: this.data.organizationId,
        keyId: this.data.key.id,
        requestBody: {
          rateLimit: limited.value ? { requests: requests.value, windowSeconds: named?.seconds ?? windowSeconds.value } : null,
          allowedIps: addressLines(this.allowedIps.value).map(({ entry }) => entry),
        },
      });
      this.dialogRef.close(updated);
    });
  }
}

function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  return control.value === null || Number.isInteger(control.value) ? null : { wholeNumber: true };
}
