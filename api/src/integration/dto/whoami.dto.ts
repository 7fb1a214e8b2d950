import { ApiProperty } from '@nestjs/swagger';
import { Permission } from '../../authz/permissions';
import { OrganizationResponse } from '../../organizations/dto/organization.dto';

export class ApiKeyIdentity {
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** @example "Production Integration" */
  name: string;
  /** @example tptm_7Gq2…x9Fa */
  maskedKey: string;
  /** The organization routes this key may call besides the integration ones; empty for integration only. */
  @ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, example: ['audit:read'] })
  permissions: Permission[];
  /** When the key stops working; null if it never expires. @example 2026-12-31T23:59:59.000Z */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: Date | null;
}

export class WhoamiResponse {
  /** The organization the key acts for. */
  organization: OrganizationResponse;
  apiKey: ApiKeyIdentity;
}

export class PingResponse {
  /** @example ok */
  status: 'ok';
  /** The server's clock, to spot skew. @example 2026-11-29T12:00:00.000Z */
  time: Date;
}
