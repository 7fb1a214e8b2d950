import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Clock } from '../common/clock';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencySweeper } from './idempotency-sweeper';

/** Safe retries (`Idempotency-Key`) for every write route: see IdempotencyInterceptor. */
@Module({
  providers: [Clock, IdempotencySweeper, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class IdempotencyModule {}
