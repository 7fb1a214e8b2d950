import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { DATE_LOCALE, LocalDatePipe } from './local-date.pipe';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long ago (or how far ahead) an instant is, in the largest unit that
 * fits: "5 minutes ago", "yesterday", "3 days ago", "2 months ago", "in 6 days".
 * Counted down to the minute: nothing the console shows is recorded finer
 * where recency is what matters.
 */
export function relativeTime(instant: Date, now: Date, format: Intl.RelativeTimeFormat): string {
  const diff = instant.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const sign = diff < 0 ? -1 : 1;
  const whole = (unit: number) => sign * Math.floor(abs / unit);
  if (abs < HOUR_MS) return format.format(whole(MINUTE_MS), 'minute');
  if (abs < DAY_MS) return format.format(whole(HOUR_MS), 'hour');
  if (abs < 30 * DAY_MS) return format.format(whole(DAY_MS), 'day');
  if (abs < 365 * DAY_MS) return format.format(whole(30 * DAY_MS), 'month');
  return format.format(whole(365 * DAY_MS), 'year');
}

/**
 * An instant as people scan for recency ("3 days ago"), on one line, with
 * the exact local time and its zone in a tooltip. The `<time>` element
 * carries the instant for machines.
 */
@Component({
  selector: 'app-relative-time',
  imports: [MatTooltipModule],
  template: `<time [attr.datetime]="iso()" [matTooltip]="exact()">{{ text() }}</time>`,
  styles: `
    :host {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RelativeTime {
  readonly at = input.required<string | Date>();

  private readonly dates = new LocalDatePipe();
  private readonly format = new Intl.RelativeTimeFormat(inject(DATE_LOCALE), { numeric: 'auto' });
  protected readonly iso = computed(() => new Date(this.at()).toISOString());
  protected readonly exact = computed(() => this.dates.transform(this.at(), 'zone'));
  protected readonly text = computed(() => relativeTime(new Date(this.at()), new Date(), this.format));
}
