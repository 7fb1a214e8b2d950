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
/** Revoked secrets, as JSON, for the verification stream; service tokens revoked by the operator. */
const SECRETS_PREFIX = 'secrets:';
export const SERVICE_TOKEN_REVOKED = 'service-token-revoked';
const EXPIRY_SET = 'expiry-set';
/** A notification holds at most 8000 bytes; an event is about 200. */
const EVENTS_PER_NOTIFICATION = 20;
/** Any constant shared by every instance: revoked secrets are recorded one transaction at a time. */
export const REVOKED_SECRETS_LOCK = 7_302_417_019;

/** Why a secret stopped working, or changed (`changed`: it works on, with other permissions or limits). */
export type RevocationReason = 'deleted' | 'rolled' | 'expired' | 'disabled' | 'exposed' | 'changed';

/** One `revoked` event of `GET /keys/revocations`: `digest` is the lowercase hex SHA-256 of the full key. */
export interface RevokedSecret {
  /** Increasing in commit order, on every instance: a stream resumes after it (`Last-Event-ID`). */
  id: string;
  keyId: string;
  organizationId: string;
  digest: string;
  reason: RevocationReason;
}

export interface KeySecrets {
  digest: string;
  previousDigest: string | null;
  previousKeyExpiresAt: Date | null;
}

/** The digests of a key's secrets that still work: the current one, and a replaced one still in its grace period. */
export function workingDigests(key: KeySecrets, now = Date.now()): string[] {
  const previousWorks = key.previousDigest !== null && (key.previousKeyExpiresAt?.getTime() ?? -Infinity) > now;
  return previousWorks ? [key.digest, key.previousDigest!] : [key.digest];
}

/**
 * Sends the revocation of a key to every server instance (each forgets the
 * key's cached secrets) and, with `secrets`, records those digests as
 * stopped or changed for `GET /keys/revocations`. Called inside the
 * transaction that changes the key: PostgreSQL delivers the notifications
 * only if, and when, that transaction commits. Any module that revokes or
 * changes a key calls this (e.g. the `exposed` reason of secret scanning).
 */
export async function publishRevocation(
  em: EntityManager,
  apiKeyId: string,
  secrets?: { organizationId: string; digests: string[]; reason: RevocationReason },
): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, apiKeyId]);
  if (secrets && secrets.digests.length > 0) {
    const { organizationId, reason } = secrets;
    await recordRevokedSecrets(
      em,
      secrets.digests.map((digest) => ({ keyId: apiKeyId, organizationId, digest, reason })),
    );
  }
}

/** Tells every instance that a new key has an expiry, so its stopping is announced on time (nothing is cached about it yet). */
export async function publishExpirySet(em: EntityManager): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, EXPIRY_SET]);
}

/**
 * Records revoked secrets (kept an hour, for streams that resume) and
 * notifies every instance, whose streams send them on. Under a lock held to
 * the commit, so ids are assigned in commit order and a stream resuming
 * after an id has missed nothing below it. Must run inside a transaction.
 */
export async function recordRevokedSecrets(em: EntityManager, secrets: Omit<RevokedSecret, 'id'>[]): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?)', [REVOKED_SECRETS_LOCK]);
  const rows = await em.execute<{ id: string; keyId: string; organizationId: string; digest: string; reason: RevocationReason }[]>(
    `insert into key_revocation_event (api_key_id, organization_id, digest, reason)
     select v.key_id, v.organization_id, v.digest, v.reason from jsonb_to_recordset(?::jsonb) as v(key_id uuid, organization_id uuid, digest text, reason text)
     returning id::text as "id", api_key_id as "keyId", organization_id as "organizationId", digest, reason`,
    [JSON.stringify(secrets.map((s) => ({ key_id: s.keyId, organization_id: s.organizationId, digest: s.digest, reason: s.reason })))],
  );
  await em.execute(`delete from key_revocation_event where occurred_at < now() - interval '1 hour'`);
  for (let i = 0; i < rows.length; i += EVENTS_PER_NOTIFICATION) {
    await em.execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, SECRETS_PREFIX + JSON.stringify(rows.slice(i, i + EVENTS_PER_NOTIFICATION))]);
  }
}

/** What other parts of this instance hear from the feed. */
export interface FeedListener {
  /** Secrets recorded as revoked, on any instance, in commit order. */
  secrets?(events: RevokedSecret[]): void;
  /** Something about a key changed (it may have a new expiry). */
  keyChanged?(): void;
  serviceTokenRevoked?(): void;
  /** The feed is live (again): whatever was said while it was not is unknown. */
  live?(): void;
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
  private readonly listeners = new Set<FeedListener>();
  /** Moves each time the feed becomes live: what was trusted under an older generation may have missed a revocation. */
  private liveGeneration = 0;

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

  /** The current live period, or -1 while the feed is down. */
  get generation(): number {
    return this.live ? this.liveGeneration : -1;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onModuleInit(): Promise<void> {
    if (this.embedded) {
      // One process owns the embedded database, so its notifications cannot be missed.
      await this.embedded.pglite.listen(REVOCATION_CHANNEL, (payload) => this.dispatch(payload));
      this.becomeLive();
      return;
    }
    await this.connect();
  }

  private becomeLive(): void {
    this.liveGeneration++;
    this.live = true;
    for (const listener of this.listeners) listener.live?.();
  }

  private dispatch(payload: string): void {
    if (payload.startsWith(SECRETS_PREFIX)) {
      const events = JSON.parse(payload.slice(SECRETS_PREFIX.length)) as RevokedSecret[];
      for (const listener of this.listeners) listener.secrets?.(events);
    } else if (payload === SERVICE_TOKEN_REVOKED) {
      for (const listener of this.listeners) listener.serviceTokenRevoked?.();
    } else if (payload === EXPIRY_SET) {
      for (const listener of this.listeners) listener.keyChanged?.();
    } else {
      this.cache.revoke(payload);
      for (const listener of this.listeners) listener.keyChanged?.();
    }
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
      else this.dispatch(message.payload);
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
    this.becomeLive();
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
