import type { RateLimit } from '@tptm/sdk';

/** The windows a rate limit is usually set in, by name; any other length is written in seconds. */
export const RATE_WINDOWS = [
  { id: 'second', seconds: 1, short: 's' },
  { id: 'minute', seconds: 60, short: 'min' },
  { id: 'hour', seconds: 3_600, short: 'h' },
  { id: 'day', seconds: 86_400, short: 'day' },
] as const;

export type RateWindowId = (typeof RATE_WINDOWS)[number]['id'];

const count = new Intl.NumberFormat('en-US');

/** "100 requests per minute", "1 request per 90 seconds", or "No limit". */
export function rateLimitText(limit: RateLimit | null): string {
  if (!limit) return 'No limit';
  const requests = `${count.format(limit.requests)} ${limit.requests === 1 ? 'request' : 'requests'}`;
  const window = RATE_WINDOWS.find((w) => w.seconds === limit.windowSeconds);
  return `${requests} per ${window ? window.id : `${count.format(limit.windowSeconds)} seconds`}`;
}

/** The same, short enough for a table cell: "100/min", "5/90 s". */
export function rateLimitShort(limit: RateLimit): string {
  const window = RATE_WINDOWS.find((w) => w.seconds === limit.windowSeconds);
  return `${count.format(limit.requests)}/${window ? window.short : `${count.format(limit.windowSeconds)} s`}`;
}

/** A rate limit as the audit log records it ("100 per 60 s"), read back; null for anything else. */
export function parseAuditRateLimit(text: string): RateLimit | null {
  const match = /^(\d+) per (\d+) s$/.exec(text);
  return match ? { requests: Number(match[1]), windowSeconds: Number(match[2]) } : null;
}
