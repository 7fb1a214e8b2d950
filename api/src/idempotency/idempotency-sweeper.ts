import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { loggableError } from '../errors/to-problem';

const SWEEP_EVERY_MS = 15 * 60_000;

/**
 * Deletes stored answers once their 24 hours are over, from every instance
 * (each delete is idempotent). Until then an expired row is only ignored:
 * the time is the {@link Clock}'s, so a test can move it.
 */
@Injectable()
export class IdempotencySweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencySweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'could not delete expired idempotency answers'));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes every answer past its 24 hours; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.em
      .fork()
      .execute<{ affectedRows: number }>('delete from idempotency_record where expires_at <= ?', [new Date(this.clock.now())], 'run');
    return result.affectedRows;
  }
}
