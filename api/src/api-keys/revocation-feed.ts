import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EMBEDDED_DATABASE } from '../database/database.module';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { loggableError } from '../errors/to-problem';
import { KeyCache } from './key-cache';

export const REVOCATION_CHANNEL = 'tptm_api_key_revoked';
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TIMEOUT_MS = 1_000;
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

  constructor(
    private readonly cache: KeyCache,
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
    clearInterval(this.heartbeat);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: `tptm-revocations-${process.pid}`,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === REVOCATION_CHANNEL && message.payload) this.cache.revoke(message.payload);
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${REVOCATION_CHANNEL}`);
    } catch (error) {
      this.lose(client, error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    // Whatever was revoked while we were not listening is unknown: start from an empty cache.
    this.cache.clear();
    this.live = true;
    this.reconnectDelay = 100;
    this.heartbeat = setInterval(() => void this.beat(client), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** A listener whose socket silently died receives nothing; a round trip proves it still hears. */
  private async beat(client: Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('heartbeat timed out')), HEARTBEAT_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('select 1'), timeout]);
    } catch (error) {
      this.lose(client, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private lose(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.live = false;
    this.cache.clear();
    clearInterval(this.heartbeat);
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
