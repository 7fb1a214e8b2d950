import { ApiProperty } from '@nestjs/swagger';

export class AuditActor {
  /** @example user */
  @ApiProperty({ enum: ['user', 'api_key', 'system'], enumName: 'AuditActorType' })
  type: 'user' | 'api_key' | 'system';
  /** Null for the system itself. */
  id: string | null;
  /** @example Ada Lovelace */
  name: string;
}

export class AuditTarget {
  /** @example api_key */
  @ApiProperty({ enum: ['api_key', 'role', 'member', 'organization'], enumName: 'AuditTargetType' })
  type: 'api_key' | 'role' | 'member' | 'organization';
  id: string;
  /** The target's name when the event happened. @example Production Integration */
  name: string;
}

export class AuditEventResponse {
  id: string;
  /** @example api_key.created */
  action: string;
  actor: AuditActor;
  target: AuditTarget;
  /** @example 203.0.113.7 */
  ip: string | null;
  userAgent: string | null;
  occurredAt: Date;
}

export class AuditEventPage {
  items: AuditEventResponse[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}
