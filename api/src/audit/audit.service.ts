import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../authz/request.decorators';
import { decodeCursor, newestFirst, toPage } from '../common/pagination';
import { ActorType, AuditEvent, TargetType } from './audit-event.entity';
import { AuditEventPage, AuditEventResponse } from './dto/audit-event.dto';

export interface AuditActorRef {
  type: ActorType;
  id: string | null;
  name: string;
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
  record(em: EntityManager, organizationId: string, action: string, actor: AuditActorRef, target: AuditTargetRef): void {
    em.persist(
      new AuditEvent({
        organizationId,
        action,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        targetType: target.type,
        targetId: target.id,
        targetName: target.name,
        ip: actor.client?.ip ?? null,
        userAgent: actor.client?.userAgent ?? null,
      }),
    );
  }

  async list(organizationId: string, limit: number, cursor: string | undefined): Promise<AuditEventPage> {
    const qb = this.em.fork().createQueryBuilder(AuditEvent, 'e').where({ organizationId });
    const rows = await newestFirst(qb, 'occurredAt', 'occurred_at', decodeCursor(cursor), limit).getResult();
    return toPage(rows, limit, (e) => ({ at: e.occurredAt, id: e.id }), toResponse);
  }
}

function toResponse(e: AuditEvent): AuditEventResponse {
  return {
    id: e.id,
    action: e.action,
    actor: { type: e.actorType, id: e.actorId, name: e.actorName },
    target: { type: e.targetType, id: e.targetId, name: e.targetName },
    ip: e.ip,
    userAgent: e.userAgent,
    occurredAt: e.occurredAt,
  };
}
