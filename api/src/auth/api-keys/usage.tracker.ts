import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock, DAY_MS, utcDate, utcDayStart } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { loggableError } from '../../errors/to-problem';
import { ApiKeyStore, UsageBatch } from './api-key-store';

/** lastUsedAt is shown to the minute, so a key is re-recorded at most once a minute. */
export const LAST_USED_PRECISION_MS = 60_000;
/**
 * How many key-days of counts a database outage may leave waiting in memory.
 * Past it the oldest waiting batch is dropped, and the log says how many
 * requests it held: memory stays bounded however long the outage.
 */
export const MAX_WAITING_KEY_DAYS = 100_000;

/**
 * What authenticating a request records, without a database write per
 * request: a count per key per UTC day and the key's last-used time, kept in
 * memory and written every few seconds in one statement. Flushed once more at
 * shutdown, after the HTTP server has drained. A batch that fails (database
 * away) is kept and sent again unchanged, under the same id, so it is added
 * exactly once even if its first attempt committed unseen.
 */
@Injectable()
export class UsageTracker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UsageTracker.name);
  private lastUsed = new Map<string, number>();
  /** When each key was last recorded (or found recorded), to skip re-recording within the minute. */
  private readonly recorded = new Map<string, number>();
  /** Requests per key on the current UTC day; earlier days wait in `earlierDays` until the next write. */
  private counts = new Map<string, number>();
  private day = '';
  private dayEndsAt = 0;
  private earlierDays: UsageBatch['counts'] = [];
  private readonly waiting: UsageBatch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** TPTM_KEY_USAGE_COUNTING, read once: the hot path tests a field, not the config. */
  private readonly counting: boolean;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.counting = config.keyUsageCounting;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.lastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** On the hot path: a map increment (unless counting is off), and a map write at most once a minute per key. */
  record(apiKeyId: string, storedLastUsedAt: Date | null): void {
    const now = this.clock.now();
    if (this.counting) {
      if (now >= this.dayEndsAt) this.startDay(now);
      this.counts.set(apiKeyId, (this.counts.get(apiKeyId) ?? 0) + 1);
    }
    const last = Math.max(this.recorded.get(apiKeyId) ?? 0, storedLastUsedAt?.getTime() ?? 0);
    if (now - last < LAST_USED_PRECISION_MS) return;
    this.recorded.set(apiKeyId, now);
    this.lastUsed.set(apiKeyId, now);
  }

  /** A deleted key: nothing of it is written any more (its rows went with it). */
  forget(apiKeyId: string): void {
    this.lastUsed.delete(apiKeyId);
    this.recorded.delete(apiKeyId);
    this.counts.delete(apiKeyId);
  }

  /** Writes what is pending; concurrent calls queue behind one another. */
  flush(): Promise<void> {
    // Caught, so that one unexpected failure cannot leave the chain rejected and every later flush skipped.
    this.flushing = this.flushing
      .then(() => this.write())
      .catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'recording API key usage failed'));
    return this.flushing;
  }

  private startDay(now: number): void {
    this.earlierDays.push(...this.takeCounts());
    const start = utcDayStart(now);
    this.day = utcDate(start);
    this.dayEndsAt = start + DAY_MS;
  }

  private takeCounts(): UsageBatch['counts'] {
    const taken = [...this.counts].map(([id, n]) => ({ id, day: this.day, n }));
    this.counts = new Map();
    return taken;
  }

  private async write(): Promise<void> {
    if (this.counts.size > 0 || this.earlierDays.length > 0 || this.lastUsed.size > 0) {
      const batch: UsageBatch = {
        id: randomUUID(),
        counts: [...this.earlierDays, ...this.takeCounts()],
        lastUsed: [...this.lastUsed].map(([id, at]) => ({ id, at: new Date(at).toISOString() })),
      };
      this.earlierDays = [];
      this.lastUsed = new Map();
      this.waiting.push(batch);
      this.bound();
    }
    while (this.waiting.length > 0) {
      try {
        await this.store.writeUsage(this.waiting[0]);
      } catch (error) {
        this.logger.warn({ err: loggableError(error), waitingBatches: this.waiting.length }, 'could not record API key usage; will retry');
        return;
      }
      this.waiting.shift();
    }
    if (this.recorded.size > this.config.keyCache.maxEntries) this.recorded.clear();
  }

  private bound(): void {
    let keyDays = this.waiting.reduce((sum, b) => sum + b.counts.length, 0);
    while (keyDays > MAX_WAITING_KEY_DAYS && this.waiting.length > 1) {
      const dropped = this.waiting.shift()!;
      keyDays -= dropped.counts.length;
      const requests = dropped.counts.reduce((sum, c) => sum + c.n, 0);
      this.logger.error(
        { droppedRequests: requests, droppedKeyDays: dropped.counts.length },
        'API key usage dropped: the database was away too long',
      );
    }
  }
}
