import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { LocalDatePipe } from '../shared/local-date.pipe';

/** How long a key lasts from now: a period, or until the end of a chosen day. */
export const EXPIRATIONS = [
  { id: 'never', label: 'No expiration' },
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '60d', label: '60 days', days: 60 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', months: 12 },
  { id: 'custom', label: 'Custom date' },
] as const;

export type ExpirationId = (typeof EXPIRATIONS)[number]['id'];

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
 * The expiry a dialog asks for (creating a key, or changing or renewing its
 * expiry): a form group to nest in the dialog's form, and the instant chosen.
 * Create it in a field initializer (it injects the form builder).
 */
export class ExpirationChoice {
  readonly group;
  readonly expiration;
  /** When the chosen period would end, for the hint under the choice. */
  readonly periodEnd = computed(() => periodEnd(this.expiration(), new Date()));
  readonly tomorrow = isoDay(later(new Date(), { days: 1 }));

  constructor(initial: ExpirationId = 'never') {
    this.group = inject(NonNullableFormBuilder).group({
      expiration: [initial],
      customDate: [{ value: '', disabled: initial !== 'custom' }, afterToday],
    });
    const { expiration, customDate } = this.group.controls;
    this.expiration = toSignal(expiration.valueChanges, { initialValue: initial });
    // A disabled control is not validated: the date is asked for only with "Custom date".
    expiration.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      if (id === 'custom') customDate.enable();
      else customDate.disable();
    });
  }

  /** RFC 3339, from the moment it is asked (when the dialog sends); null for a key that never expires. */
  expiresAt(): string | null {
    const { expiration, customDate } = this.group.controls;
    if (expiration.value === 'custom') return endOfDay(customDate.value).toISOString();
    return periodEnd(expiration.value, new Date())?.toISOString() ?? null;
  }
}

/** The Expiration choice, and the date asked for with "Custom date", each a field of the dialog's form. */
@Component({
  selector: 'app-expiration-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, LocalDatePipe],
  template: `
    @let choice = this.choice();
    <div class="fields" [formGroup]="choice.group">
      <mat-form-field>
        <mat-label>Expiration</mat-label>
        <mat-select formControlName="expiration">
          @for (expiration of expirations; track expiration.id) {
            <mat-option [value]="expiration.id">{{ expiration.label }}</mat-option>
          }
        </mat-select>
        @if (choice.periodEnd(); as end) {
          <mat-hint>The key stops working on {{ end | localDate }}.</mat-hint>
        } @else if (choice.expiration() === 'never') {
          <mat-hint>The key works until it is deleted.</mat-hint>
        }
      </mat-form-field>
      @if (choice.expiration() === 'custom') {
        <mat-form-field>
          <mat-label>Expiration date</mat-label>
          <input matInput type="date" formControlName="customDate" required [min]="choice.tomorrow" max="9999-12-31" />
          <mat-hint>The key stops working at the end of this day.</mat-hint>
          @if (choice.group.controls.customDate.hasError('required')) {
            <mat-error>Choose the day the key stops working.</mat-error>
          } @else if (choice.group.controls.customDate.hasError('notFuture')) {
            <mat-error>Choose a day after today.</mat-error>
          }
        </mat-form-field>
      }
    </div>
  `,
  // Its fields sit in the dialog's column of fields as if written there.
  styles: `
    :host,
    .fields {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpirationFields {
  readonly choice = input.required<ExpirationChoice>();
  protected readonly expirations = EXPIRATIONS;
}
