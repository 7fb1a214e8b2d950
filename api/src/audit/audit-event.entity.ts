import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditAction } from './audit-actions';

export type ActorType = 'user' | 'apiKey' | 'system';
export type TargetType = 'api_key' | 'role' | 'member' | 'invitation' | 'organization';

/** One changed property of the target, as the people reading the log name it (role names, not ids). */
export interface AuditChange {
  field: string;
  before: string[];
  after: string[];
}

/**
 * Append-only: the table refuses UPDATE and DELETE (see the migration), and
 * names are copied in so an event still reads right after its subject is gone.
 * Organization and subjects are plain ids, not relations, for the same reason.
 */
@Entity({ tableName: 'audit_event' })
@Index({ name: 'audit_event_organization_occurred_at_id_index', properties: ['organizationId', 'occurredAt', 'id'] })
@Index({ name: 'audit_event_organization_target_occurred_at_id_index', properties: ['organizationId', 'targetId', 'occurredAt', 'id'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  organizationId: string;

  @Property({ type: 'text' })
  action: AuditAction;

  @Property({ type: 'text' })
  actorType: ActorType;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Property({ type: 'text' })
  actorName: string;

  /** The member's email when they acted (null for a key or the system): a display name alone can be anyone's. */
  @Property({ type: 'text', nullable: true })
  actorEmail: string | null;

  /** The key's masked form when it acted (null for a member or the system). */
  @Property({ type: 'text', nullable: true })
  actorMaskedKey: string | null;

  @Property({ type: 'text' })
  targetType: TargetType;

  @Property({ type: 'uuid' })
  targetId: string;

  @Property({ type: 'text' })
  targetName: string;

  @Property({ type: 'text', nullable: true })
  ip: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null;

  @Property({ type: 'json', nullable: true })
  changes: AuditChange[] | null;

  @Property({ type: 'timestamptz', length: 3 })
  occurredAt: Date = new Date();

  constructor(init: Omit<AuditEvent, 'id' | 'occurredAt'>) {
    this.organizationId = init.organizationId;
    this.action = init.action;
    this.actorType = init.actorType;
    this.actorId = init.actorId;
    this.actorName = init.actorName;
    this.actorEmail = init.actorEmail;
    this.actorMaskedKey = init.actorMaskedKey;
    this.targetType = init.targetType;
    this.targetId = init.targetId;
    this.targetName = init.targetName;
    this.ip = init.ip;
    this.userAgent = init.userAgent;
    this.changes = init.changes;
  }
}
