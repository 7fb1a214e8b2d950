import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, DAY_MS } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loggableError } from '../errors/to-problem';
import { Mailer } from '../mail/mailer';
import { recipientsOf } from './key-recipients';

/** Days before a key expires that its creator and the organization's Owners are reminded, once each. */
export const REMINDER_DAYS = [14, 1] as const;
const SWEEP_INTERVAL_MS = 10 * 60_000;
/** Not at once: a server starting up has enough to do, and restarts in a loop must not each sweep. */
const FIRST_SWEEP_DELAY_MS = 60_000;

interface DueReminder {
  id: string;
  name: string;
  masked_key: string;
  expires_at: Date;
  days_before: number;
  organization_id: string;
  organization_name: string;
  created_by_id: string | null;
}

/**
 * With SMTP, reminds the creator and the Owners of a key that it expires:
 * once 14 days and once 1 day before. Every instance sweeps; the reminder's
 * row (unique per key, expiry and lead time) is claimed by one insert, so one
 * instance sends each reminder, once, across restarts; a new expiry starts afresh.
 */
@Injectable()
export class ExpiryReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiryReminders.name);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mailer.enabled) this.schedule(FIRST_SWEEP_DELAY_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'expiry reminders could not be sent'))
        .finally(() => this.schedule(SWEEP_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }

  /** Claims and sends the reminders due now; answers how many keys were reminded about. */
  async sweep(): Promise<number> {
    if (!this.mailer.enabled) return 0;
    const now = new Date(this.clock.now());
    const em = this.em.fork();
    const claimed = await em.execute<DueReminder[]>(
      `with due as (
         select k.id, k.expires_at, d.days
           from api_key k cross join (select jsonb_array_elements_text(?::jsonb)::int as days) d
          where k.revoked_at is null and k.expires_at > ?::timestamptz and k.expires_at <= ?::timestamptz + d.days * interval '1 day'
       ), claimed as (
         insert into api_key_expiry_reminder (api_key_id, expires_at, days_before, sent_at)
         select id, expires_at, days, ? from due
         on conflict do nothing returning api_key_id, days_before
       )
       select k.id, k.name, k.masked_key, k.expires_at, c.days_before, k.organization_id, o.name as organization_name, k.created_by_id
         from claimed c join api_key k on k.id = c.api_key_id join organization o on o.id = k.organization_id`,
      [JSON.stringify(REMINDER_DAYS), now, now, now],
    );
    // A key first seen inside both lead times gets the nearer reminder only: both are claimed, one is sent.
    const nearest = new Map<string, DueReminder>();
    for (const due of claimed) if ((nearest.get(due.id)?.days_before ?? Infinity) > due.days_before) nearest.set(due.id, due);
    if (nearest.size === 0) return 0;
    const byEmail = await recipientsOf(em, [...nearest.values()]);
    for (const [email, keys] of byEmail) {
      for (const key of keys) {
        const left = Math.max(1, Math.round((new Date(key.expires_at).getTime() - now.getTime()) / DAY_MS));
        this.mailer.sendLater({
          to: email,
          subject: `API key "${key.name}" expires in ${left === 1 ? '1 day' : `${left} days`}`,
          text:
            `The API key "${key.name}" (${key.masked_key}) of ${key.organization_name} expires at ${new Date(key.expires_at).toISOString()}.\n\n` +
            `After that, every request with it is refused. To keep the integration working, give it a later expiry on the key's page` +
            (this.config.publicUrl ? ` (${this.config.publicUrl})` : '') +
            ', or replace it with a new key.',
        });
      }
    }
    return nearest.size;
  }
}
