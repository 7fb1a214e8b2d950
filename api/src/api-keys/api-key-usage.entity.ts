import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ApiKey } from './api-key.entity';

/**
 * Requests a key (either of its secrets) authenticated on one UTC day, added
 * up from every instance's batches. Rows go with their key, and are pruned
 * after 90 days.
 */
@Entity({ tableName: 'api_key_usage' })
@Index({ name: 'api_key_usage_day_index', properties: ['day'] })
export class ApiKeyDailyUsage {
  [PrimaryKeyProp]?: ['apiKey', 'day'];

  @ManyToOne(() => ApiKey, { primary: true, deleteRule: 'cascade' })
  apiKey: ApiKey;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'bigint' })
  requests: string;

  constructor(apiKey: ApiKey, day: string, requests: string) {
    this.apiKey = apiKey;
    this.day = day;
    this.requests = requests;
  }
}

/**
 * The batches of usage already added, by id, so a batch sent again after a
 * failure whose outcome the instance could not see (the connection dropped
 * after the commit) is not counted twice. Kept a week.
 */
@Entity({ tableName: 'api_key_usage_batch' })
export class ApiKeyUsageBatch {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'timestamptz', length: 3, defaultRaw: 'now()' })
  @Index({ name: 'api_key_usage_batch_written_at_index' })
  writtenAt: Date;

  constructor(id: string, writtenAt: Date) {
    this.id = id;
    this.writtenAt = writtenAt;
  }
}

/**
 * The part of a key's rate-limit budget granted to instances in one slot of
 * its window (1/32 of it). Written only by the `tptm_rate_lease` function and
 * by give-backs; rows older than the window are deleted by the next lease.
 */
@Entity({ tableName: 'api_key_rate_slot' })
export class ApiKeyRateSlot {
  [PrimaryKeyProp]?: ['apiKey', 'slot'];

  @ManyToOne(() => ApiKey, { primary: true, deleteRule: 'cascade' })
  apiKey: ApiKey;

  @PrimaryKey({ type: 'bigint' })
  slot: string;

  @Property({ type: 'integer' })
  granted: number;

  constructor(apiKey: ApiKey, slot: string, granted: number) {
    this.apiKey = apiKey;
    this.slot = slot;
    this.granted = granted;
  }
}
