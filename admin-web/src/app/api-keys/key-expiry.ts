import { booleanAttribute, ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { DATE_LOCALE, LocalDatePipe } from '../shared/local-date.pipe';

const DAY_MS = 86_400_000;
/** An expiry this many days away or closer is counted down as a warning. */
const WARNING_DAYS = 7;

export type Expiry = { state: 'never' } | { state: 'expired' } | { state: 'soon'; days: number } | { state: 'later' };

/** Whole calendar days from today to the day of `instant`, as people count "in 3 days". */
export function calendarDaysUntil(instant: Date, now: Date): number {
  const midnight = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  // Rounded: a day with a daylight-saving change is an hour shorter or longer.
  return Math.round((midnight(instant) - midnight(now)) / DAY_MS);
}

export function expiry(expiresAt: string | null, now = new Date()): Expiry {
  if (expiresAt === null) return { state: 'never' };
  const instant = new Date(expiresAt);
  if (instant <= now) return { state: 'expired' };
  const days = calendarDaysUntil(instant, now);
  return days <= WARNING_DAYS ? { state: 'soon', days } : { state: 'later' };
}

/**
 * When a key stops working: "Never", its date, "in 3 days" as a warning
 * when close, or "Expired" in the error colour. The exact time is in the
 * tooltip, and written out with `withTime`.
 */
@Component({
  selector: 'app-key-expiry',
  imports: [MatIconModule, LocalDatePipe],
  template: `
    @let at = expiresAt();
    @switch (status().state) {
      @case ('never') {
        Never
      }
      @case ('expired') {
        <span class="expired">
          <mat-icon aria-hidden="true">error</mat-icon>
          <time [attr.datetime]="at" [title]="at | localDate">Expired</time>
        </span>
      }
      @case ('soon') {
        <span class="soon">
          <mat-icon aria-hidden="true">schedule</mat-icon>
          <time [attr.datetime]="at" [title]="at | localDate">{{ countdown() }}</time>
        </span>
      }
      @case ('later') {
        <time [attr.datetime]="at" [title]="at | localDate">{{ at | localDate: 'day' }}</time>
      }
    }
    @if (withTime() && at) {
      <span class="exact">{{ at | localDate }}</span>
    }
  `,
  styles: `
    .expired,
    .soon {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      white-space: nowrap;
    }
    .expired {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .soon {
      padding: 0 0.5rem;
      border-radius: 8px;
      background: #fff4e5;
      color: #5f3700;
    }
    mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .exact {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyExpiry {
  readonly expiresAt = input.required<string | null>();
  /** Also write the date and time out, where there is room (the key's own page). */
  readonly withTime = input(false, { transform: booleanAttribute });

  private readonly relative = new Intl.RelativeTimeFormat(inject(DATE_LOCALE), { numeric: 'auto' });
  protected readonly status = computed(() => expiry(this.expiresAt()));
  protected readonly countdown = computed(() => {
    const status = this.status();
    return status.state === 'soon' ? this.relative.format(status.days, 'day') : '';
  });
}
