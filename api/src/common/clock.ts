import { Injectable } from '@nestjs/common';

/**
 * The time, as the server reads it where a test must be able to move it
 * (the UTC day usage is counted on). Elsewhere, `Date.now()` directly.
 */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}

export const DAY_MS = 86_400_000;

/** The start of the UTC day holding `at`, in epoch milliseconds. */
export const utcDayStart = (at: number) => Math.floor(at / DAY_MS) * DAY_MS;

/** The UTC day holding `at`, as `YYYY-MM-DD` (how usage is counted and answered). */
export const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);
