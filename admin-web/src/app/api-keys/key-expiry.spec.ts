import { TestBed } from '@angular/core/testing';
import { DATE_LOCALE } from '../shared/local-date.pipe';
import { calendarDaysUntil, expiry, KeyExpiry } from './key-expiry';
import { hygieneHints } from './key-hints';

describe('expiry', () => {
  const now = new Date(2026, 11, 3, 22, 30);

  it('counts calendar days, as people do: late tonight to early tomorrow is one day', () => {
    expect(calendarDaysUntil(new Date(2026, 11, 4, 0, 15), now)).toBe(1);
    expect(calendarDaysUntil(new Date(2026, 11, 3, 23, 59), now)).toBe(0);
    expect(calendarDaysUntil(new Date(2026, 11, 10, 9, 0), now)).toBe(7);
  });

  it('is never, expired from its instant on, counted down within 7 days, and a date after', () => {
    expect(expiry(null, now)).toEqual({ state: 'never' });
    expect(expiry(now.toISOString(), now)).toEqual({ state: 'expired' });
    expect(expiry(new Date(2026, 11, 10, 23, 0).toISOString(), now)).toEqual({ state: 'soon', days: 7 });
    expect(expiry(new Date(2026, 11, 11, 0, 0).toISOString(), now)).toEqual({ state: 'later' });
  });

  it('says "today" and "tomorrow" in words', async () => {
    TestBed.configureTestingModule({ providers: [{ provide: DATE_LOCALE, useValue: 'en-US' }] });
    const fixture = TestBed.createComponent(KeyExpiry);
    const today = new Date();
    const endOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 23, 59, 59, 999);
    fixture.componentRef.setInput('expiresAt', endOfToday.toISOString());
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('time')?.textContent).toBe('today');

    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    fixture.componentRef.setInput('expiresAt', tomorrow.toISOString());
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('time')?.textContent).toBe('tomorrow');
  });
});

describe('hygieneHints', () => {
  const DAY = 86_400_000;
  const now = Date.parse('2026-12-03T12:00:00.000Z');
  const ago = (days: number) => new Date(now - days * DAY).toISOString();

  it('gives a new key a week before pointing out that it was never used', () => {
    expect(hygieneHints({ createdAt: ago(7), lastUsedAt: null }, now)).toEqual([]);
    expect(hygieneHints({ createdAt: ago(7.01), lastUsedAt: null }, now)).toEqual(['Never used']);
  });

  it('points out a key unused for 90 days', () => {
    expect(hygieneHints({ createdAt: ago(400), lastUsedAt: ago(89) }, now)).toEqual([]);
    expect(hygieneHints({ createdAt: ago(400), lastUsedAt: ago(90) }, now)).toEqual(['Unused for 90+ days']);
  });
});
