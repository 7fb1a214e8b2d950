import type { PassThrough } from 'node:stream';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RevocationFeed, RevokedSecret } from '../auth/api-keys/revocation-feed';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loggableError } from '../errors/to-problem';

/** A client this far behind (bytes it has not read) is cut off rather than buffered without end; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface Stream {
  response: PassThrough;
  /** The last event id it was sent (or that it had seen when it opened): nothing at or below it is sent again. */
  lastId: bigint;
  /** Live events that arrived while its backlog was being read: sent after the backlog. */
  pending: RevokedSecret[] | null;
}

/**
 * The instance's verification streams. Revoked secrets come from the
 * revocation feed (the one LISTEN connection of this instance), so each
 * event is one notification however many streams are open, written to each
 * in turn. A stream that resumes (`Last-Event-ID`) is first sent what it
 * missed from the table, which every instance shares; the feed lost and
 * regained, every stream is sent what was recorded meanwhile.
 */
@Injectable()
export class RevocationStreamService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RevocationStreamService.name);
  private readonly streams = new Set<Stream>();
  private heartbeat: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private firstLive = true;

  constructor(
    private readonly em: EntityManager,
    private readonly feed: RevocationFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  onModuleInit(): void {
    this.unsubscribe = this.feed.subscribe({
      secrets: (events) => {
        for (const stream of this.streams) this.send(stream, events);
      },
      live: () => {
        if (this.firstLive) this.firstLive = false;
        else void this.catchUp();
      },
    });
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) this.write(stream, ': heartbeat\n\n');
    }, this.config.revocationHeartbeatMs);
    this.heartbeat.unref();
  }

  /** Ends every stream, so a graceful shutdown is not held open by them; clients resume on another instance. */
  onModuleDestroy(): void {
    this.unsubscribe?.();
    clearInterval(this.heartbeat);
    for (const stream of this.streams) stream.response.end();
    this.streams.clear();
  }

  /**
   * Opens a stream on `response` (sent as the route's answer), after `lastEventId` when resuming. A resume from further back than the
   * table keeps (an hour), or from an id this server never gave, gets a
   * `reset` event first: the client must forget every verification it cached.
   */
  async open(response: PassThrough, lastEventId: bigint | undefined): Promise<void> {
    const stream: Stream = { response, lastId: 0n, pending: [] };
    this.streams.add(stream);
    response.on('close', () => this.streams.delete(stream));
    response.write(`retry: 1000\n: connected\n\n`);
    try {
      const [{ oldest, newest }] = await this.em.execute<{ oldest: string | null; newest: string | null }[]>(
        `select (select min(id) from key_revocation_event)::text as oldest,
                (select case when is_called then last_value end from key_revocation_event_id_seq)::text as newest`,
      );
      const newestId = BigInt(newest ?? 0);
      if (lastEventId === undefined) {
        stream.lastId = newestId;
      } else {
        const lost = lastEventId > newestId || (oldest === null ? lastEventId < newestId : BigInt(oldest) > lastEventId + 1n);
        if (lost) this.write(stream, 'event: reset\ndata: {}\n\n');
        stream.lastId = lost ? newestId : lastEventId;
        if (!lost) this.send(stream, await this.recordedAfter(lastEventId));
      }
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'a verification stream could not read its start; closing it so its client retries');
      response.end();
      return;
    }
    const arrived = stream.pending!;
    stream.pending = null;
    this.send(stream, arrived);
  }

  private async recordedAfter(id: bigint): Promise<RevokedSecret[]> {
    return this.em.execute<RevokedSecret[]>(
      `select id::text as "id", api_key_id as "keyId", organization_id as "organizationId", digest, reason
         from key_revocation_event where id > ? order by id`,
      [id.toString()],
    );
  }

  /** Whatever was recorded while the feed was down, to every stream that has not had it. */
  private async catchUp(): Promise<void> {
    if (this.streams.size === 0) return;
    let from: bigint | undefined;
    for (const stream of this.streams) if (from === undefined || stream.lastId < from) from = stream.lastId;
    try {
      const missed = await this.recordedAfter(from!);
      for (const stream of this.streams) this.send(stream, missed);
    } catch (error) {
      // Their clients cannot know what they missed: closed, they resume with Last-Event-ID.
      this.logger.warn({ err: loggableError(error) }, 'verification streams could not catch up after the revocation feed returned; closing them');
      for (const stream of this.streams) stream.response.end();
    }
  }

  private send(stream: Stream, events: RevokedSecret[]): void {
    if (stream.pending) {
      stream.pending.push(...events);
      return;
    }
    let text = '';
    for (const event of events) {
      const id = BigInt(event.id);
      if (id <= stream.lastId) continue;
      stream.lastId = id;
      const { keyId, organizationId, digest, reason } = event;
      text += `id: ${event.id}\nevent: revoked\ndata: ${JSON.stringify({ keyId, organizationId, digest, reason })}\n\n`;
    }
    if (text) this.write(stream, text);
  }

  private write(stream: Stream, text: string): void {
    const { response } = stream;
    if (response.writableEnded || response.destroyed) return;
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      response.destroy();
      return;
    }
    response.write(text);
  }
}
