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
