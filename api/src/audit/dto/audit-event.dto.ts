import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-actions';

export class AuditActor {
  /** @example user */
  @ApiProperty({ enum: ['user', 'apiKey', 'system'], enumName: 'AuditActorType' })
  type: 'user' | 'apiKey' | 'system';
  /** Null for the system itself. @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string | null;
  /** The display name, which anyone may choose: show `email` or `maskedKey` beside it. @example "Ada Lovelace" */
  name: string;
  /** A member's email when they acted; null for a key or the system. @example ada@example.com */
  email: string | null;
  /** A key's masked form when it acted; null for a member or the system. @example tptm_7Gq2…x9Fa */
  maskedKey: string | null;
}

export class AuditTarget {
  /** @example api_key */
  @ApiProperty({ enum: ['api_key', 'role', 'member', 'invitation', 'organization'], enumName: 'AuditTargetType' })
  type: 'api_key' | 'role' | 'member' | 'invitation' | 'organization';
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** The target's name when the event happened. @example "Production Integration" */
  name: string;
}

export class AuditChangeResponse {
  /** Which property of the target changed. @example roles */
  field: string;
  /** Its value before the change, as names. @example ["Member"] */
  before: string[];
  /** Its value after the change, as names. @example ["Admin", "Integrations"] */
  after: string[];
}

export class AuditEventResponse {
  /** @example 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9 */
  id: string;
  /** What happened, one of the actions the audit log records. @example api_key.created */
  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  action: AuditAction;
  actor: AuditActor;
  target: AuditTarget;
  /** What changed, on events that record it (`member.roles_updated`); null otherwise. */
  @ApiProperty({ type: [AuditChangeResponse], nullable: true })
  changes: AuditChangeResponse[] | null;
  /** @example 203.0.113.7 */
  ip: string | null;
  /** @example tptm-sdk/0.1.0 */
  userAgent: string | null;
  /** @example 2026-01-15T09:30:00.000Z */
  occurredAt: Date;
}

export class AuditEventPage {
  items: AuditEventResponse[];
  /**
   * Pass as `cursor` to get the next page; null on the last page.
   * @example MjAyNi0wMS0xNVQwOTozMDowMC4wMDBafDVlNmY3YThiLTljMGQtNGUxZi1hMmIzLWM0ZDVlNmY3YThiOQ
   */
  nextCursor: string | null;
}
