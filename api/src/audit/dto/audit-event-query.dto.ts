import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy, ValidationArguments } from 'class-validator';
import { PageQuery } from '../../common/dto/page-query.dto';
import { parseRfc3339, UUID_PATTERN } from '../../common/validators';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-actions';

export const parseInstant = (value: string) => new Date(Date.parse(value));

function IsInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      // Four-digit years (the pattern's) keep it inside what the database stores.
      validate: (value: unknown) => parseRfc3339(value) !== undefined,
      defaultMessage: () => 'must be a date and time in RFC 3339, with a time zone (e.g. 2026-01-15T09:30:00Z)',
    },
  });
}

/** `to` is checked against `from` only once both are valid instants; each alone has its own message. */
function NotBefore(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'notBefore',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const start = (args?.object as Record<string, unknown>)[other];
        if (typeof value !== 'string' || typeof start !== 'string') return true;
        const [a, b] = [Date.parse(start), Date.parse(value)];
        return Number.isNaN(a) || Number.isNaN(b) || b >= a;
      },
      defaultMessage: () => `must not be before \`${other}\``,
    },
  });
}

/** Which events to list or export; every filter is optional and they combine with AND. */
export class AuditEventFilter {
  /** Only events with this action. @example member.roles_updated */
  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', required: false })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `must be one of the actions the audit log records: ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  /** Only events caused by this user or API key. @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a user or API key id (a UUID)' })
  actorId?: string;

  /** Only events about this key, role, member or organization: one target's history. @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be the id (a UUID) of a key, role, member or organization' })
  targetId?: string;

  /** Only events at or after this instant (RFC 3339). @example 2026-01-01T00:00:00Z */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Only events before this instant (RFC 3339); not before `from`. @example 2026-02-01T00:00:00Z */
  @IsOptional()
  @IsInstant()
  @NotBefore('from')
  to?: string;
}

export class AuditEventQuery extends IntersectionType(PageQuery, AuditEventFilter) {}
