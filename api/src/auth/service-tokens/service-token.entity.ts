import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A credential of another service of the platform, made by the operator
 * (`npm run service-token`). It reaches only the key-verification routes, for
 * every organization. Only the digest of its secret is stored.
 */
@Entity({ tableName: 'service_token' })
export class ServiceToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name: string;

  /** Hex SHA-256 of the full token. */
  @Property({ type: 'text', hidden: true })
  @Unique({ name: 'service_token_digest_unique' })
  digest: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  /** From this instant the token is refused, on every instance. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  revokedAt: Date | null = null;

  constructor(name: string, digest: string) {
    this.name = name;
    this.digest = digest;
  }
}

/**
 * A secret that stopped working or changed, kept an hour so a verification
 * stream resumes (`Last-Event-ID`) on any instance. Ids follow commit order.
 */
@Entity({ tableName: 'key_revocation_event' })
export class KeyRevocationEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  apiKeyId!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Index({ name: 'key_revocation_event_digest_index' })
  digest!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz', length: 3, defaultRaw: 'now()' })
  @Index({ name: 'key_revocation_event_occurred_at_index' })
  occurredAt!: Date;
}

/**
 * What happened outside every organization (service tokens made or revoked
 * by the operator): append-only like the organizations' audit log, listed by
 * `npm run service-token -- events`, never in an organization's log.
 */
@Entity({ tableName: 'system_audit_event' })
export class SystemAuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  action: 'service_token.created' | 'service_token.revoked';

  @Property({ type: 'text' })
  actorType = 'system' as const;

  @Property({ type: 'text' })
  actorName: string;

  @Property({ type: 'text' })
  targetType = 'service_token' as const;

  @Property({ type: 'uuid' })
  targetId: string;

  @Property({ type: 'text' })
  targetName: string;

  @Property({ type: 'timestamptz', length: 3 })
  @Index({ name: 'system_audit_event_occurred_at_index' })
  occurredAt: Date = new Date();

  constructor(action: SystemAuditEvent['action'], actorName: string, token: ServiceToken) {
    this.action = action;
    this.actorName = actorName;
    this.targetId = token.id;
    this.targetName = token.name;
  }
}
