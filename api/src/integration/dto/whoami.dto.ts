import { OrganizationResponse } from '../../organizations/dto/organization.dto';

export class ApiKeyIdentity {
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** @example "Production Integration" */
  name: string;
  /** @example tptm_7Gq2…x9Fa */
  maskedKey: string;
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
