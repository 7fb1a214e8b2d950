import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../authz/request.decorators';
import { decodeCursor, Keyset, newestFirst, toPage } from '../common/pagination';
import type { AuditAction } from './audit-actions';
import { ActorType, AuditChange, AuditEvent, TargetType } from './audit-event.entity';
import { AuditEventFilter, parseInstant } from './dto/audit-event-query.dto';
import { AuditEventPage, AuditEventResponse } from './dto/audit-event.dto';

/** Events per query of an export: each batch is written out before the next is read. */
export const EXPORT_BATCH_SIZE = 1000;

export interface AuditActorRef {
  type: ActorType;
  id: string | null;
  name: string;
  /** A member's email, a key's masked form; null for the other kinds. Copied into the event, as it was when they acted. */
  email: string | null;
  maskedKey: string | null;
  client: ClientInfo | null;
}

export interface AuditTargetRef {
  type: TargetType;
  id: string;
  name: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Adds the event to the caller's unit of work, so it commits or rolls back with the change it records. */
  record(
    em: EntityManager,
    organizationId: string,
    action: AuditAction,
    actor: AuditActorRef,
    target: AuditTargetRef,
    changes: AuditChange[] | null = null,
  ): void {
    em.persist(
      new AuditEvent({
        organizationId,
        action,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        actorEmail: actor.email,
        actorMaskedKey: actor.maskedKey,
        targetType: target.type,
        targetId: target.id,
        targetName: target.name,
        ip: actor.client?.ip ?? null,
        userAgent: actor.client?.userAgent ?? null,
        changes,
      }),
    );
  }

  async list(organizationId: string, filter: AuditEventFilter, limit: number, cursor: string | undefined): Promise<AuditEventPage> {
    const rows = await this.page(organizationId, filter, decodeCursor(cursor), limit);
    return toPage(rows, limit, keysetOf, toResponse);
  }

  /**
   * Every matching event, newest first, in batches read by keyset (each one
   * index range scan after the last), so that an export of any size holds one
   * batch at a time. Events recorded meanwhile are newer than the first batch
   * and stay out: the export is the log as it was when it started.
   */
  async *exportBatches(organizationId: string, filter: AuditEventFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<AuditEventResponse[]> {
    let after: Keyset | undefined;
    for (;;) {
      const rows = await this.page(organizationId, filter, after, batchSize);
      const batch = rows.slice(0, batchSize);
      if (batch.length) yield batch.map(toResponse);
      if (rows.length <= batchSize) return;
      after = keysetOf(batch.at(-1)!);
    }
  }

  /** Up to `limit + 1` matching events after the keyset. */
  private page(organizationId: string, filter: AuditEventFilter, after: Keyset | undefined, limit: number): Promise<AuditEvent[]> {
    const qb = this.em.fork().createQueryBuilder(AuditEvent, 'e').where({ organizationId });
    if (filter.action !== undefined) qb.andWhere({ action: filter.action });
    if (filter.actorId !== undefined) qb.andWhere({ actorId: filter.actorId.toLowerCase() });
    if (filter.targetId !== undefined) qb.andWhere({ targetId: filter.targetId.toLowerCase() });
    if (filter.from !== undefined) qb.andWhere({ occurredAt: { $gte: parseInstant(filter.from) } });
    if (filter.to !== undefined) qb.andWhere({ occurredAt: { $lt: parseInstant(filter.to) } });
    return newestFirst(qb, 'occurredAt', 'occurred_at', after, limit).getResult();
  }
}

const keysetOf = (e: AuditEvent): Keyset => ({ at: e.occurredAt, id: e.id });

function toResponse(e: AuditEvent): AuditEventResponse {
  return {
    id: e.id,
    action: e.action,
    actor: { type: e.actorType, id: e.actorId, name: e.actorName, email: e.actorEmail, maskedKey: e.actorMaskedKey },
    target: { type: e.targetType, id: e.targetId, name: e.targetName },
    changes: e.changes ?? null,
    ip: e.ip,
    userAgent: e.userAgent,
    occurredAt: e.occurredAt,
  };
}
