import { TestBed } from '@angular/core/testing';
import type { ApiKeyUsageDay } from '@tptm/sdk';
import { DATE_LOCALE } from '../shared/local-date.pipe';
import { UsageChart } from './usage-chart';

/** `count` UTC days ending 2026-12-03, with the given requests from the last day backwards. */
function days(count: number, latest: number[] = []): ApiKeyUsageDay[] {
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(2026, 11, 3 - (count - 1 - index))).toISOString().slice(0, 10);
    return { date, requests: latest[count - 1 - index] ?? 0 };
  });
}

describe('UsageChart', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [{ provide: DATE_LOCALE, useValue: 'en-US' }] }));

  async function render(usage: ApiKeyUsageDay[]) {
    const fixture = TestBed.createComponent(UsageChart);
    fixture.componentRef.setInput('days', usage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const heights = () => [...element.querySelectorAll('rect.bar')].map((bar) => Number(bar.getAttribute('height')));
    const table = () => [...element.querySelectorAll('table tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent?.trim()));
    return { element, heights, table };
  }

  it('draws a bar per day, as tall as its share of the busiest day, and the total', async () => {
    const { element, heights } = await render(days(30, [1200, 0, 600]));
    expect(heights()).toHaveLength(30);
    const [today, yesterday, before] = heights().reverse();
    expect(today).toBeCloseTo(2 * before!);
    // A day without requests is a sliver on the axis, marked apart from the bars.
    expect(yesterday).toBe(1);
    expect(element.querySelectorAll('rect.bar.zero')).toHaveLength(28);
    expect(element.querySelector('.summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('1,800 requests · busiest day Dec 3 with 1,200');
  });

  it('labels the peak, the first and the last day beside the drawing, without relying on colour', async () => {
    const { element } = await render(days(30, [5]));
    const labels = [...element.querySelectorAll('.label')].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['5', 'Nov 4', 'Dec 3']);
    expect(element.querySelector('rect.bar:last-of-type title')?.textContent).toBe('Dec 3: 5');
  });

  it('hides the drawing from screen readers and gives them a table of every day', async () => {
    const { element, table } = await render(days(3, [7, 0, 2]));
    expect(element.querySelector('svg')?.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(element.querySelector('table')?.classList).toContain('visually-hidden');
    expect(element.querySelector('caption')?.textContent).toBe('Requests per day, Dec 1 to Dec 3');
    expect(table()).toEqual([
      ['Dec 1', '2'],
      ['Dec 2', '0'],
      ['Dec 3', '7'],
    ]);
  });

  it('says 0 requests, with no peak, for a key never used', async () => {
    const { element, heights } = await render(days(30));
    expect(element.querySelector('.summary')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('0 requests');
    expect(heights().every((height) => height === 1)).toBe(true);
    expect(element.querySelector('line.grid')).toBeNull();
  });

  it('names each day as the UTC day the API counted, whatever the local time zone', async () => {
    const { table } = await render([{ date: '2026-01-01', requests: 1 }]);
    expect(table()).toEqual([['Jan 1', '1']]);
    const { element } = await render([{ date: '2026-01-01', requests: 1 }]);
    expect(element.querySelector('.summary')?.textContent).toContain('1 request ');
  });
});
