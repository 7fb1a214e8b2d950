import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { loggableError } from '../../errors/to-problem';
import { recordRevokedSecrets, REVOKED_SECRETS_LOCK, RevocationFeed, RevocationReason } from './revocation-feed';

/** Asked again this often at the latest, whatever the next known expiry: a safety net for a missed key change. */
const MAX_WAIT_MS = 60_000;
const RETRY_MS = 5_000;

/**
 * Secrets that stop working with no request to say so — a key reaching its
 * expiry, a replaced secret reaching the end of its grace period — are
 * recorded as revoked when that moment comes, so the verification stream
 * sends them within milliseconds. Every instance wakes at the next such
 * moment (and after any key change, which may move it); the first one to
 * record a secret does, the others find it recorded (under the same lock).
 * Only what stopped within the last hour is announced: older events would
 * already have left the stream's retention.
 */
@Injectable()
export class ExpiryAnnouncer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiryAnnouncer.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly feed: RevocationFeed,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.feed.subscribe({ keyChanged: () => this.wake(0), live: () => this.wake(0) });
    this.wake(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  private wake(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let next = RETRY_MS;
    try {
      next = Math.min(MAX_WAIT_MS, await this.announce());
    } catch (error) {
      if (!this.stopped) this.logger.warn({ err: loggableError(error) }, 'expired keys not announced to the verification stream; trying again');
    } finally {
      this.running = false;
    }
    this.wake(this.again ? 0 : next);
    this.again = false;
  }

  /** Records what stopped since the last run; answers how long until the next secret stops (ms). */
  async announce(): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      // Taken before looking, so two instances waking together record each secret once.
      await tx.execute('select pg_advisory_xact_lock(?)', [REVOKED_SECRETS_LOCK]);
      const due = await tx.execute<{ keyId: string; organizationId: string; digest: string; reason: RevocationReason }[]>(
        `with due as (
             select id, organization_id, digest, 'expired' as reason, expires_at as stopped_at from api_key
              where expires_at <= now() and expires_at > now() - interval '1 hour'
             union all
             select id, organization_id, previous_digest, 'expired', expires_at from api_key
              where previous_digest is not null and expires_at <= now() and expires_at > now() - interval '1 hour'
                and previous_key_expires_at > expires_at
             union all
             select id, organization_id, previous_digest, 'rolled', previous_key_expires_at from api_key
              where previous_digest is not null and previous_key_expires_at <= now() and previous_key_expires_at > now() - interval '1 hour'
                and (expires_at is null or previous_key_expires_at < expires_at)
           )
           select d.id as "keyId", d.organization_id as "organizationId", d.digest, d.reason from due d
            where not exists (select 1 from key_revocation_event e where e.digest = d.digest and e.reason = d.reason and e.occurred_at >= d.stopped_at)`,
      );
      if (due.length > 0) await recordRevokedSecrets(tx, due);
      const [{ wait }] = await tx.execute<{ wait: number | null }[]>(
        `select extract(epoch from (min(t) - clock_timestamp())) * 1000 as wait from (
           select expires_at as t from api_key where expires_at > now()
           union all select previous_key_expires_at from api_key where previous_digest is not null and previous_key_expires_at > now()
         ) s`,
      );
      // A few milliseconds late rather than early: the database's clock decides, and an early run finds nothing.
      return wait === null ? MAX_WAIT_MS : Math.max(5, Math.ceil(Number(wait)) + 5);
    });
  }
}
