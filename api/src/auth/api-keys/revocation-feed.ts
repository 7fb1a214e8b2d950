import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { EMBEDDED_DATABASE } from '../../database/database.module';
import type { EmbeddedDatabase } from '../../database/embedded-database';
import { loggableError } from '../../errors/to-problem';
import { KeyCache } from './key-cache';

export const REVOCATION_CHANNEL = 'tptm_api_key_revoked';
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TIMEOUT_MS = 1_000;
/** How long a heartbeat notification may take to arrive once the database has accepted it. */
const HEARTBEAT_ARRIVAL_MS = 2_000;
/** Heartbeats share the revocation channel (so they prove that very channel); key ids are UUIDs, so they cannot clash. */
const HEARTBEAT_PREFIX = 'heartbeat:';
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Sends the revocation of a key to every server instance. Called inside the
 * transaction that deletes the key: PostgreSQL delivers the notification only
 * if, and when, that transaction commits.
 */
export async function publishRevocation(em: EntityManager, apiKeyId: string): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, apiKeyId]);
}

/**
 * Listens for key revocations on a dedicated connection and evicts them from
 * this instance's cache. The cache may be trusted only while this feed is
 * live: when the connection drops (or stops answering its heartbeat) the
 * cache is cleared and bypassed until the feed has re-subscribed, so a
 * notification missed meanwhile can never keep a deleted key alive.
 */
@Injectable()
export class RevocationFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationFeed.name);
  private live = false;
  private client: Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private reconnectDelay = 100;
  private stopped = false;
  private beats = 0;
  private readonly awaitedBeats = new Map<string, () => void>();

  constructor(
    private readonly cache: KeyCache,
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  /** Whether cached verifications may be used right now. */
  get trusted(): boolean {
    return this.live;
  }

  async onModuleInit(): Promise<void> {
    if (this.embedded) {
      // One process owns the embedded database, so its notifications cannot be missed.
      await this.embedded.pglite.listen(REVOCATION_CHANNEL, (apiKeyId) => this.cache.revoke(apiKeyId));
      this.live = true;
      return;
    }
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.live = false;
    clearTimeout(this.reconnect);
    clearTimeout(this.heartbeat);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseListenUrl,
      application_name: `tptm-revocations-${process.pid}`,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== REVOCATION_CHANNEL || !message.payload) return;
      if (message.payload.startsWith(HEARTBEAT_PREFIX)) this.awaitedBeats.get(message.payload)?.();
      else this.cache.revoke(message.payload);
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${REVOCATION_CHANNEL}`);
      // Trusted only once it has heard a notification: behind a pooler that drops LISTEN it never is.
      await this.proveHearing(client);
    } catch (error) {
      this.lose(client, error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    // Whatever was revoked while we were not listening is unknown: start from an empty cache.
    this.cache.clear();
    this.live = true;
    this.reconnectDelay = 100;
    this.scheduleBeat(client);
  }

  private scheduleBeat(client: Client): void {
    this.heartbeat = setTimeout(() => void this.beat(client), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * A listener whose socket silently died receives nothing, and neither does
   * one behind a transaction-mode pooler (PgBouncer), which drops LISTEN
   * without an error. So each beat proves two things: the listener's own
   * connection answers, and a notification sent the way revocations are sent
   * (through the application's pool, after a commit) reaches it.
   */
  private async beat(client: Client): Promise<void> {
    try {
      await this.proveHearing(client);
    } catch (error) {
      this.lose(client, error);
      return;
    }
    if (this.client === client) this.scheduleBeat(client);
  }

  private async proveHearing(client: Client): Promise<void> {
    await within(client.query('select 1'), HEARTBEAT_TIMEOUT_MS, 'heartbeat timed out');
    const payload = `${HEARTBEAT_PREFIX}${process.pid}:${++this.beats}`;
    const heard = new Promise<void>((resolve) => this.awaitedBeats.set(payload, resolve));
    try {
      // Through the application's own pool, as a delete's notification goes. The send's duration is the
      // database's load, not the listener's health: only the arrival is timed.
      await this.em.getConnection().getKnex().raw('select pg_notify(?, ?)', [REVOCATION_CHANNEL, payload]);
      await within(
        heard,
        HEARTBEAT_ARRIVAL_MS,
        'a notification sent through the application pool never reached the listener: LISTEN is lost ' +
          '(a transaction-mode pooler such as PgBouncer drops it); point DATABASE_LISTEN_URL at a direct connection',
      );
    } finally {
      this.awaitedBeats.delete(payload);
    }
  }

  private lose(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.live = false;
    this.cache.clear();
    clearTimeout(this.heartbeat);
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      { err: loggableError(error), retryInMs: this.reconnectDelay },
      'revocation feed lost; verifying every API key against the database until it is back',
    );
    this.reconnect = setTimeout(() => void this.connect(), this.reconnectDelay);
    this.reconnect.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  }
}

function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
