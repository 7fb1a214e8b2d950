import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loggableError } from '../errors/to-problem';
import { ApiKey } from './api-key.entity';

/** lastUsedAt is shown to the minute, so a key is re-recorded at most once a minute. */
export const LAST_USED_PRECISION_MS = 60_000;

/**
 * Collects "this key was just used" in memory and writes it in one batched
 * UPDATE every few seconds, so authenticating a request never costs a write.
 * Flushed once more at shutdown, after the HTTP server has drained.
 */
@Injectable()
export class LastUsedTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedTracker.name);
  private pending = new Map<string, number>();
  /** When each key was last recorded (or found recorded), to skip re-recording within the minute. */
  private readonly recorded = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.lastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  touch(apiKeyId: string, storedLastUsedAt: Date | null, now = Date.now()): void {
    const last = Math.max(this.recorded.get(apiKeyId) ?? 0, storedLastUsedAt?.getTime() ?? 0);
    if (now - last < LAST_USED_PRECISION_MS) return;
    this.recorded.set(apiKeyId, now);
    this.pending.set(apiKeyId, now);
  }

  forget(apiKeyId: string): void {
    this.pending.delete(apiKeyId);
    this.recorded.delete(apiKeyId);
  }

  /** Writes what is pending; concurrent calls queue behind one another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.em.fork().getRepository(ApiKey).recordLastUsed(batch);
      if (this.recorded.size > this.config.keyCache.maxEntries) this.recorded.clear();
    } catch (error) {
      // Keep the batch for the next attempt (the database may be briefly away), without overwriting newer times.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn({ err: loggableError(error) }, 'could not record API key usage; will retry');
    }
  }
}
