import { inject, InjectionToken, Pipe, PipeTransform } from '@angular/core';

/** The locale dates are written in: the browser's own, unless a test names one. */
export const DATE_LOCALE = new InjectionToken<string | undefined>('DATE_LOCALE', { factory: () => undefined });

/**
 * How precisely a time is shown: lastUsedAt, for one, is only recorded to the
 * minute. `zone` is to the minute with the time zone named, for the tooltip
 * behind a relative time ("3 days ago"), where nothing else says which zone.
 */
export type DatePrecision = 'day' | 'minute' | 'second' | 'zone';

const STYLES: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: 'medium' },
  minute: { dateStyle: 'medium', timeStyle: 'short' },
  second: { dateStyle: 'medium', timeStyle: 'medium' },
  zone: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
};

/**
 * A date in the user's own locale and time zone, through `Intl` (Angular's
 * DatePipe would need locale data bundled for every language, and otherwise
 * writes every date the American way).
 */
@Pipe({ name: 'localDate' })
export class LocalDatePipe implements PipeTransform {
  private readonly locale = inject(DATE_LOCALE);
  private readonly formats = new Map<DatePrecision, Intl.DateTimeFormat>();

  transform(value: string | Date | null | undefined, precision: DatePrecision = 'minute'): string {
    if (value == null) return '';
    let format = this.formats.get(precision);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, STYLES[precision]);
      this.formats.set(precision, format);
    }
    return format.format(new Date(value));
  }
}
