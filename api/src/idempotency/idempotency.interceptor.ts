import { EntityManager } from '@mikro-orm/postgresql';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { ACCESS_POLICY, AccessPolicy } from '../authz/authenticated.decorator';
import type { Principal } from '../authz/principal';
import { Clock, DAY_MS } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { preparedQuery } from '../database/prepared-query';
import { inRequestTransaction } from '../database/request-transaction';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '../errors/problem';
import { toProblem } from '../errors/to-problem';
import { AnswerSeal } from './answer-seal';

/** How long an answer is kept, and replayed. */
export const IDEMPOTENCY_RETENTION_MS = DAY_MS;
/** When a client may try again after `idempotency-key-in-use`: the first request is usually done by then. */
const IN_USE_RETRY_AFTER_SECONDS = 1;
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const KEY_SHAPE = /^[\x20-\x7e]{1,255}$/;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface StoredAnswer {
  request_digest: string;
  status: number;
  content_type: string | null;
  body: Uint8Array | null;
}

/**
 * Safe retries: every write route of an authenticated caller runs through
 * here, so a route added tomorrow is covered without a line of its own.
 * Guards run first, so a replay is answered only to a caller who passes
 * authentication and the route's permission check again.
 *
 * The first request with a key runs in one transaction that every unit of
 * work below joins (request-transaction.ts), and its answer is written as
 * that transaction's last statement: the write and its answer commit
 * together or not at all, so a crash in between cannot leave a write whose
 * repeat would run it again. A repeat racing it on another instance either
 * stumbles on its writes or on that last statement, rolls back everything it
 * did, and answers what the first one stored. Failures (4xx) wrote nothing;
 * their answer is stored on its own. 5xx, 429 and 401 are not stored: the
 * same key may be sent again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Whether each route takes keys: fixed at boot, read once per route. */
  private readonly routes = new Map<object, boolean>();
  /** The requests with a key running on this instance, with their digests, for `in-use` and `reused` before the database can tell. */
  private readonly running = new Map<string, string>();

  constructor(
    private readonly em: EntityManager,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !WRITES.has(request.method) || !this.takesKeys(context)) return next.handle();
    const caller = callerOf(request.user);
    if (caller === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new ProblemException('validation', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
      ]);
    }
    const seal = new AnswerSeal(this.config.idempotencySecret, caller, key);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.once(seal, seal.digestRequest(request.method, request.url, request.body), reply, next));
  }

  /** Authenticated routes take keys; those open to anyone (sign-in, invitation accept, password reset) ignore them. */
  private takesKeys(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let takes = this.routes.get(handler);
    if (takes === undefined) {
      const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, context.getClass()]);
      takes = policy?.kind === 'user' || policy?.kind === 'apiKey';
      this.routes.set(handler, takes);
    }
    return takes;
  }

  private async once(seal: AnswerSeal, requestDigest: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const running = this.running.get(seal.recordId);
    if (running !== undefined) throw running === requestDigest ? inUse() : reused();
    this.running.set(seal.recordId, requestDigest);
    try {
      // On PostgreSQL the look-up runs beside the transaction's BEGIN, on a connection of its own; the embedded
      // database has one connection, which the transaction would hold while waiting for the look-up.
      const lookUp = this.find(seal);
      lookUp.catch(() => undefined);
      if (!this.config.databaseUrl) {
        const stored = await lookUp;
        if (stored) return replay(stored, seal, requestDigest, reply);
      }
      try {
        return await inRequestTransaction(this.em, async (tx) => {
          const stored = await lookUp;
          if (stored) throw new Replay(stored);
          const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const status = reply.statusCode;
          if (kept(status)) {
            await this.store(
              tx,
              seal,
              requestDigest,
              status,
              body === undefined ? null : JSON_CONTENT_TYPE,
              body === undefined ? null : JSON.stringify(body),
            );
          }
          return body;
        });
      } catch (error) {
        if (error instanceof Replay) return replay(error.answer, seal, requestDigest, reply);
        // A twin on another instance may have got there first: then this one's writes are undone, and its answer is the one.
        const winner = await this.find(seal);
        if (winner) return replay(winner, seal, requestDigest, reply);
        if (error instanceof AnswerAlreadyStored) throw inUse();
        const { body } = toProblem(error);
        if (kept(body.status)) await this.store(this.em.fork(), seal, requestDigest, body.status, PROBLEM_CONTENT_TYPE, JSON.stringify(body));
        throw error;
      }
    } finally {
      this.running.delete(seal.recordId);
    }
  }

  private async find(seal: AnswerSeal): Promise<StoredAnswer | undefined> {
    const [row] = await preparedQuery<StoredAnswer>(
      this.em,
      'idempotency_find',
      'select request_digest, status, content_type, body from idempotency_record where id = ? and expires_at > ?',
      [seal.recordId, new Date(this.clock.now())],
    );
    return row;
  }

  /**
   * One statement: an expired row of the same key is replaced; a live one
   * (a twin committed first) is left alone, and this request's transaction
   * is rolled back.
   */
  private async store(
    em: EntityManager,
    seal: AnswerSeal,
    requestDigest: string,
    status: number,
    contentType: string | null,
    body: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    const rows = await em.execute<{ id: string }[]>(
      `insert into idempotency_record (id, request_digest, status, content_type, body, expires_at) values (?, ?, ?, ?, ?, ?)
       on conflict (id) do update set request_digest = excluded.request_digest, status = excluded.status,
         content_type = excluded.content_type, body = excluded.body, expires_at = excluded.expires_at
       where idempotency_record.expires_at <= ?
       returning id`,
      [
        seal.recordId,
        requestDigest,
        status,
        contentType,
        body === null ? null : seal.seal(body),
        new Date(now + IDEMPOTENCY_RETENTION_MS),
        new Date(now),
      ],
    );
    if (rows.length === 0) throw new AnswerAlreadyStored();
  }
}

class AnswerAlreadyStored extends Error {}

/** Found stored once the transaction had begun: it is rolled back (it did nothing) and the answer replayed. */
class Replay extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('replay');
  }
}

/** Each caller has keys of its own: a member, an API key, a service token. */
function callerOf(principal: Principal | undefined): string | undefined {
  switch (principal?.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'apiKey':
      return `apiKey:${principal.apiKeyId}`;
    default:
      return undefined;
  }
}

/** 5xx, 429 and 401 say nothing final about the request: it may be sent again with the same key. */
const kept = (status: number) => status < 500 && status !== 429 && status !== 401;

function replay(stored: StoredAnswer, seal: AnswerSeal, requestDigest: string, reply: FastifyReply): string | undefined {
  if (stored.request_digest !== requestDigest) throw reused();
  reply.status(stored.status).header('idempotent-replayed', 'true');
  if (stored.body === null) return undefined;
  reply.type(stored.content_type ?? JSON_CONTENT_TYPE);
  return seal.open(stored.body);
}

const reused = () =>
  new ProblemException(
    'idempotencyKeyReused',
    'This Idempotency-Key was used for another request (method, path or body). Send a new key with each new request.',
  );

const inUse = () =>
  new ProblemException(
    'idempotencyKeyInUse',
    `The first request with this Idempotency-Key is still running. Send it again in ${IN_USE_RETRY_AFTER_SECONDS} s to get its answer.`,
    undefined,
    { 'Retry-After': String(IN_USE_RETRY_AFTER_SECONDS) },
  );
