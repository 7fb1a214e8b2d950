import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { ApiKeyUsageDay } from '@tptm/sdk';
import { DATE_LOCALE } from '../shared/local-date.pipe';

/** The drawing's own units: it is stretched to the width and height the stylesheet gives it. */
const WIDTH = 600;
const HEIGHT = 100;
/** A day without requests still gets a sliver, so that the row of days reads as a row. */
const ZERO_BAR = 1;

/**
 * Requests per day as a bar chart, in plain SVG: no charting library, and
 * nothing the CSP forbids (sizes are SVG attributes, colours come from the
 * stylesheet). The drawing holds only bars and lines, stretched to fit; its
 * labels are HTML beside it, so that they stay readable on a phone. Bar
 * heights and the labels carry the meaning without colour; the drawing is
 * hidden from screen readers, which read the summary and a visually hidden
 * table of every day instead.
 */
@Component({
  selector: 'app-usage-chart',
  template: `
    <p class="summary">
      <strong class="total">{{ count(total()) }}</strong> {{ total() === 1 ? 'request' : 'requests' }}
      @if (peak(); as peak) {
        <span class="muted">· busiest day {{ dayLabel(peak.date) }} with {{ count(peak.requests) }}</span>
      }
    </p>
    <div aria-hidden="true">
      <span class="label peak">{{ max() > 0 ? count(max()) : '' }}</span>
      <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" preserveAspectRatio="none" focusable="false">
        @if (max() > 0) {
          <line class="grid" x1="0" [attr.x2]="width" y1="0" y2="0" vector-effect="non-scaling-stroke" />
        }
        @for (bar of bars(); track bar.date) {
          <rect class="bar" [class.zero]="bar.requests === 0" [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.width" [attr.height]="bar.height">
            <title>{{ dayLabel(bar.date) }}: {{ count(bar.requests) }}</title>
          </rect>
        }
        <line class="axis" x1="0" [attr.x2]="width" [attr.y1]="height" [attr.y2]="height" vector-effect="non-scaling-stroke" />
      </svg>
      @if (days().length) {
        <div class="days">
          <span class="label">{{ dayLabel(days()[0]!.date) }}</span>
          <span class="label">{{ dayLabel(days()[days().length - 1]!.date) }}</span>
        </div>
      }
    </div>
    <table class="visually-hidden">
      <!-- Prettier would wrap a caption's text in whitespace (and its interpolation over three lines). -->
      <!-- prettier-ignore -->
      <caption>{{ caption() }}</caption>
      <thead>
        <tr>
          <th scope="col">Day (UTC)</th>
          <th scope="col">Requests</th>
        </tr>
      </thead>
      <tbody>
        @for (day of days(); track day.date) {
          <tr>
            <th scope="row">{{ dayLabel(day.date) }}</th>
            <td>{{ count(day.requests) }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .summary {
      margin: 0 0 0.5rem;
    }
    .total {
      font: var(--mat-sys-headline-small);
    }
    svg {
      display: block;
      width: 100%;
      height: 8rem;
      overflow: visible;
    }
    .days {
      display: flex;
      justify-content: space-between;
      margin-top: 0.25rem;
    }
    .bar {
      fill: var(--mat-sys-primary);
    }
    /* Days without requests: a grey sliver on the axis, not a bar. */
    .bar.zero {
      fill: var(--mat-sys-outline-variant);
    }
    .axis {
      stroke: var(--mat-sys-outline);
    }
    .grid {
      stroke: var(--mat-sys-outline-variant);
      stroke-dasharray: 4 4;
    }
    .label {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .peak {
      display: block;
      min-height: 1lh;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsageChart {
  // Intl in the user's own locale, like every date in the console.
  private readonly dayFormat = new Intl.DateTimeFormat(inject(DATE_LOCALE), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  private readonly numberFormat = new Intl.NumberFormat(inject(DATE_LOCALE));

  /** One entry per UTC day, oldest first, as the usage API answers. */
  readonly days = input.required<ApiKeyUsageDay[]>();

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;

  protected readonly total = computed(() => this.days().reduce((sum, day) => sum + day.requests, 0));
  protected readonly max = computed(() => Math.max(0, ...this.days().map((day) => day.requests)));
  /** The busiest day, the latest of equals; none when there were no requests. */
  protected readonly peak = computed(() => (this.max() > 0 ? this.days().findLast((day) => day.requests === this.max()) : undefined));
  protected readonly caption = computed(() => {
    const days = this.days();
    return days.length ? `Requests per day, ${this.dayLabel(days[0]!.date)} to ${this.dayLabel(days[days.length - 1]!.date)}` : 'Requests per day';
  });
  protected readonly bars = computed(() => {
    const days = this.days();
    const slot = WIDTH / Math.max(days.length, 1);
    const max = this.max();
    return days.map((day, index) => {
      const height = max > 0 && day.requests > 0 ? Math.max((day.requests / max) * HEIGHT, 2) : ZERO_BAR;
      return { ...day, x: index * slot + slot * 0.15, width: slot * 0.7, height, y: HEIGHT - height };
    });
  });

  protected count(n: number): string {
    return this.numberFormat.format(n);
  }

  /** "Dec 3": the API's days are UTC days, so they are named in UTC. */
  protected dayLabel(date: string): string {
    return this.dayFormat.format(new Date(`${date}T00:00:00Z`));
  }
}
