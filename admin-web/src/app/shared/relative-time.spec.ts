import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const NOW = new Date('2026-12-03T12:00:00.000Z');
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const ago = (ms: number) => relativeTime(new Date(NOW.getTime() - ms), NOW, format);
  const MINUTE = 60_000;
  const DAY = 86_400_000;

  it('counts in the largest unit that fits, down to the minute', () => {
    expect(ago(20_000)).toBe('this minute');
    expect(ago(5 * MINUTE)).toBe('5 minutes ago');
    expect(ago(90 * MINUTE)).toBe('1 hour ago');
    expect(ago(23 * 60 * MINUTE)).toBe('23 hours ago');
    expect(ago(DAY + MINUTE)).toBe('yesterday');
    expect(ago(3 * DAY)).toBe('3 days ago');
    expect(ago(45 * DAY)).toBe('last month');
    expect(ago(200 * DAY)).toBe('6 months ago');
    expect(ago(800 * DAY)).toBe('2 years ago');
  });

  it('counts ahead as well', () => {
    expect(ago(-6 * DAY - MINUTE)).toBe('in 6 days');
    expect(ago(-2 * 60 * MINUTE)).toBe('in 2 hours');
  });

  it("speaks the user's language", () => {
    expect(relativeTime(new Date(NOW.getTime() - 3 * DAY), NOW, new Intl.RelativeTimeFormat('de', { numeric: 'auto' }))).toBe('vor 3 Tagen');
  });
});
