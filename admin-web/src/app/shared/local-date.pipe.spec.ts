import { TestBed } from '@angular/core/testing';
import { DATE_LOCALE, LocalDatePipe } from './local-date.pipe';

describe('LocalDatePipe', () => {
  // Midday UTC: the same calendar day in every time zone the test may run in.
  const NOON = '2026-11-29T12:00:00.000Z';

  function pipe(locale: string): LocalDatePipe {
    TestBed.configureTestingModule({ providers: [LocalDatePipe, { provide: DATE_LOCALE, useValue: locale }] });
    return TestBed.inject(LocalDatePipe);
  }

  it("writes the date the user's way, not always the American way", () => {
    expect(pipe('de-DE').transform(NOON, 'day')).toBe('29.11.2026');
  });

  it('shows times to the minute unless asked for seconds', () => {
    const dates = pipe('en-GB');
    expect(dates.transform(NOON, 'minute')).toMatch(/^29 Nov 2026, \d\d:\d\d$/);
    expect(dates.transform(NOON, 'second')).toMatch(/^29 Nov 2026, \d\d:\d\d:00$/);
  });

  it('writes nothing for a date that is not there', () => {
    expect(pipe('en-US').transform(null)).toBe('');
  });
});
